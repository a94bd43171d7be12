// Loading license knowledge entries (license_texts.hpp) from the embedded packs and rule dirs.
#include "license/license_texts.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <sstream>

#include "core/log.hpp"
#include "rules/embedded.hpp"

namespace openlock {

namespace fs = std::filesystem;

namespace {

const std::set<std::string, std::less<>> kKeys = {"id",      "name", "expression", "family",        "version",
                                                  "kind",    "osi_approved", "role", "clauses",   "source",
                                                  "optional_from", "fingerprint", "text"};

std::vector<std::uint32_t> decode_field(const YAML::Node& fingerprint, const char* key) {
  if (!fingerprint[key]) return {};
  auto set = decode_gram_set(fingerprint[key].as<std::string>());
  if (!set) throw std::runtime_error(std::string("fingerprint.") + key + " is not a valid gram set");
  return *set;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the text file " + path.string());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// One entry; throws std::exception (YAML or ours) with the reason. `base` is the entry's folder,
// empty for embedded entries (which may not carry a text). `read` is the entry's fingerprint when
// it was read apart from `doc` (split_fingerprint).
KnownText read_entry(const YAML::Node& doc, const fs::path& base, const Fingerprint* read = nullptr) {
  if (!doc.IsMap()) throw std::runtime_error("a license entry is a YAML map");
  for (const auto& kv : doc)
    if (!kKeys.count(kv.first.as<std::string>())) throw std::runtime_error("unknown key '" + kv.first.as<std::string>() + "'");
  KnownText e;
  e.info.id = doc["id"].as<std::string>();
  e.info.name = doc["name"].as<std::string>();
  e.info.expression = doc["expression"].as<std::string>();
  e.info.family = doc["family"].as<std::string>();
  e.info.version = doc["version"] ? doc["version"].as<std::string>() : "";
  e.info.kind = doc["kind"].as<std::string>();
  e.info.osi_approved = doc["osi_approved"].as<bool>();
  e.info.role = doc["role"] ? doc["role"].as<std::string>() : "license";
  if (doc["clauses"])
    for (const auto& c : doc["clauses"]) e.info.clauses.push_back(c.as<std::string>());
  if (read) {
    e.fingerprint = *read;
  } else if (doc["text"] && !base.empty()) {
    std::string optional_from = doc["optional_from"] ? doc["optional_from"].as<std::string>() : "";
    auto fp = fingerprint_text(read_file(base / doc["text"].as<std::string>()), optional_from);
    if (!fp) throw std::runtime_error("optional_from text not found in " + doc["text"].as<std::string>());
    e.fingerprint = std::move(*fp);
  } else if (doc["fingerprint"]) {
    e.fingerprint.required = decode_field(doc["fingerprint"], "required");
    e.fingerprint.optional = decode_field(doc["fingerprint"], "optional");
  } else {
    throw std::runtime_error(base.empty() ? "no fingerprint" : "needs `fingerprint:` or `text: FILE`");
  }
  if (e.fingerprint.required.size() < kMinLicenseGrams) throw std::runtime_error("the license text is missing or too short");
  return e;
}

// The block tools/fingerprint/update writes at the end of every built-in entry:
//   fingerprint:  # ...
//     trigrams: N
//     required: >-
//       BASE64 LINES
//     optional: >-     (some entries)
//       BASE64 LINES
// It is nearly all of the embedded knowledge (about 400 KB), and yaml-cpp reads it a character
// at a time: parsing it was most of the start-up of `openlock license`. So the part of the entry
// before the block goes to yaml-cpp and the block is read here, as the folded scalars it is;
// an entry whose block has any other shape goes to yaml-cpp whole. license_texts_test checks
// that both readings agree on every built-in entry.
constexpr std::array<bool, 256> kBase64Chars = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")) table[c] = true;
  return table;
}();

struct SplitEntry {
  std::string_view head;  // the YAML before `fingerprint:`
  std::string required, optional;
};

std::optional<SplitEntry> split_fingerprint(std::string_view text) {
  constexpr std::string_view kKey = "fingerprint:";
  std::size_t at = text.starts_with(kKey) ? 0 : text.find("\n" + std::string(kKey));
  if (at == std::string_view::npos) return std::nullopt;
  if (at > 0) ++at;
  SplitEntry out{text.substr(0, at), {}, {}};
  std::size_t pos = text.find('\n', at);
  std::string_view first = text.substr(at + kKey.size(), pos == std::string_view::npos ? std::string_view::npos : pos - at - kKey.size());
  first.remove_prefix(std::min(first.find_first_not_of(' '), first.size()));
  if (first.ends_with('\r')) first.remove_suffix(1);
  if (!first.empty() && first[0] != '#') return std::nullopt;  // `fingerprint: {...}`: yaml-cpp's
  std::string* scalar = nullptr;
  bool seen_required = false, seen_optional = false, seen_trigrams = false;
  while (pos != std::string_view::npos) {
    std::size_t start = pos + 1;
    pos = text.find('\n', start);
    std::string_view line = text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(' ') == std::string_view::npos) continue;
    if (scalar && line.starts_with("    ")) {  // a line of the folded scalar: base64 only
      line.remove_prefix(line.find_first_not_of(' '));
      for (char c : line)
        if (!kBase64Chars[static_cast<unsigned char>(c)]) return std::nullopt;
      scalar->append(line);
      continue;
    }
    scalar = nullptr;
    if (line == "  required: >-" && !seen_required) {
      scalar = &out.required;
      seen_required = true;
    } else if (line == "  optional: >-" && !seen_optional) {
      scalar = &out.optional;
      seen_optional = true;
    } else if (line.starts_with("  trigrams: ") && !seen_trigrams &&
               line.find_first_not_of("0123456789", 12) == std::string_view::npos && line.size() > 12) {
      seen_trigrams = true;
    } else {
      return std::nullopt;  // another key, a comment, another indentation: yaml-cpp's
    }
  }
  if (!seen_required) return std::nullopt;
  return out;
}

}  // namespace

KnownText read_embedded_entry(std::string_view text) {
  auto split = split_fingerprint(text);
  if (!split) return read_entry(YAML::Load(std::string(text)), {});
  Fingerprint fp;
  auto decode = [](const std::string& b64, const char* key) {
    auto set = decode_gram_set(b64);
    if (!set) throw std::runtime_error(std::string("fingerprint.") + key + " is not a valid gram set");
    return std::move(*set);
  };
  fp.required = decode(split->required, "required");
  if (!split->optional.empty()) fp.optional = decode(split->optional, "optional");
  return read_entry(YAML::Load(std::string(split->head)), {}, &fp);
}

namespace {

std::vector<KnownText> load_embedded() {
  std::vector<KnownText> entries;
  for (const auto& file : embedded_rule_files()) {
    std::string path(file.path);
    if (!path.starts_with("licenses/texts/")) continue;
    try {
      entries.push_back(read_embedded_entry(file.text));
    } catch (const std::exception& ex) {  // checked by identify_test; guards a broken local edit
      log().error("rules/{}: {}", path, ex.what());
    }
  }
  std::sort(entries.begin(), entries.end(), [](const KnownText& a, const KnownText& b) { return a.info.id < b.info.id; });
  return entries;
}

}  // namespace

const std::vector<KnownText>& known_texts() {
  static const std::vector<KnownText> loaded = load_embedded();  // thread-safe initialisation
  return loaded;
}

const KnownText* find_known_text(std::string_view expression) {
  for (const auto& k : known_texts())
    if (k.info.expression == expression) return &k;
  return nullptr;
}

void load_license_pack(const fs::path& dir, std::vector<KnownText>& out, std::vector<std::string>& errors) {
  fs::path texts = dir / "licenses" / "texts";
  std::error_code ec;
  if (!fs::is_directory(texts, ec)) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(texts, ec))
    if (entry.path().extension() == ".yaml" || entry.path().extension() == ".yml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    try {
      KnownText e = read_entry(YAML::LoadFile(path.string()), path.parent_path());
      bool taken = std::any_of(out.begin(), out.end(), [&](const KnownText& k) { return k.info.id == e.info.id; });
      if (taken) throw std::runtime_error("license id '" + e.info.id + "' is already known");
      out.push_back(std::move(e));
    } catch (const YAML::Exception& ex) {
      errors.push_back(path.string() + ":" + std::to_string(ex.mark.line + 1) + ": " + ex.msg);
    } catch (const std::exception& ex) {
      errors.push_back(path.string() + ": " + ex.what());
    }
  }
}

}  // namespace openlock
