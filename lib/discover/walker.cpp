// discover(): the directory walk. Never throws, never follows a symlink out of the target,
// never opens anything but regular files and ignore files.
#include <algorithm>
#include <deque>
#include <set>

#include "discover/discover.hpp"
#include "discover/ignore.hpp"

namespace openlock {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxDepth = 256;                         // deeper trees are cut off with a diagnostic
constexpr std::uintmax_t kMaxIgnoreFile = 1u << 20;    // an ignore file is a list of patterns, not a data dump

bool inside(const fs::path& root, const fs::path& canonical) {
  auto [r, c] = std::mismatch(root.begin(), root.end(), canonical.begin(), canonical.end());
  return r == root.end();
}

struct Walk {
  fs::path root_canonical;
  std::vector<DiscoveredFile>& files;
  std::vector<Diagnostic>& diagnostics;
  IgnoreRules ignore;
  std::set<fs::path> visited;  // canonical folders already walked: no loops, no duplicates
  const std::function<void(const DiscoveredFile&)>& on_file;

  // A symlinked folder inside the target is walked after the real tree, so its files keep their
  // real paths and the link only adds what the real walk did not reach (e.g. an ignored folder).
  struct LinkedFolder {
    fs::path path;
    std::string rel;
    int depth;
    IgnoreRules ignore;  // the patterns in force where the link sits
  };
  std::deque<LinkedFolder> linked;

  void note(const std::string& rel, std::string message) {
    diagnostics.push_back({{rel, 0, 0}, std::move(message)});
  }

  // A folder's entry with its name taken once (path::filename() builds a new path each time).
  struct Entry {
    std::string name;
    fs::directory_entry entry;
  };

  // `entries` are the folder's listing: an ignore file that is not among them costs no lookup.
  void load_ignore_files(const fs::path& dir, const std::string& rel_dir, const std::vector<Entry>& entries) {
    for (const char* name : {".gitignore", ".openlockignore"}) {
      auto entry = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.name == name; });
      if (entry == entries.end()) continue;
      std::error_code ec;
      fs::path file = dir / name;
      // Like git, a symlinked ignore file is not read; a FIFO of that name must never be opened.
      if (!fs::is_regular_file(fs::symlink_status(file, ec))) continue;
      std::string rel = rel_dir.empty() ? name : rel_dir + "/" + name;
      auto size = fs::file_size(file, ec);
      if (ec || size > kMaxIgnoreFile) {
        note(rel, ec ? "cannot read ignore file: " + ec.message()
                     : "ignore file is " + std::to_string(size) + " bytes, over " + std::to_string(kMaxIgnoreFile) +
                           " bytes; its patterns are not applied");
        continue;
      }
      std::string text;  // read like any file: a swap to a FIFO since the check cannot block us
      if (read_text_file({rel, file}, kMaxIgnoreFile, text, diagnostics)) ignore.add_file(rel_dir, text);
    }
  }

  // No stat here: most files are never read, and a file that is gets its size from fstat.
  void add_file(const fs::path& path, const std::string& rel) {
    files.push_back({rel, path});
    if (on_file) on_file(files.back());
  }

  // `canonical` is the folder's real path: known without a lookup while the walk only steps into
  // real folders (a symlinked one is resolved once, where the link is followed).
  void walk(const fs::path& dir, const std::string& rel_dir, int depth, const fs::path& canonical) {
    if (depth > kMaxDepth)
      return note(rel_dir, "folder nesting deeper than " + std::to_string(kMaxDepth) + "; not walked");
    std::error_code ec;
    std::vector<Entry> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      entries.push_back({it->path().filename().string(), *it});
    if (ec) note(rel_dir.empty() ? "." : rel_dir, "cannot read folder: " + ec.message());
    // By bytes, as path::compare orders two names (neither has a separator).
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });

    std::size_t ignore_mark = ignore.size();
    load_ignore_files(dir, rel_dir, entries);
    for (const auto& entry : entries) visit(entry.entry, entry.name, rel_dir, depth, canonical);
    ignore.truncate(ignore_mark);
  }

  void walk_folder(const fs::path& path, const std::string& rel, int depth, const fs::path& canonical) {
    if (!visited.insert(canonical).second) return;  // a loop or a second way in
    walk(path, rel, depth + 1, canonical);
  }

  // The entry's type comes from the folder listing where the file system gives it (no lstat).
  void visit(const fs::directory_entry& entry, const std::string& name, const std::string& rel_dir, int depth,
             const fs::path& parent_canonical) {
    const fs::path& path = entry.path();
    if (name == ".git") return;
    std::string rel = rel_dir.empty() ? name : rel_dir + "/" + name;
    std::error_code ec;
    bool symlink = entry.is_symlink(ec);
    if (ec) return note(rel, "cannot read file status: " + ec.message());
    if (!symlink) {
      bool directory = entry.is_directory(ec);
      if (ec) return note(rel, "cannot read file status: " + ec.message());
      if (ignore.ignored(rel, directory)) return;
      if (directory) return walk_folder(path, rel, depth, parent_canonical / name);
      if (entry.is_regular_file(ec)) return add_file(path, rel);
      return note(rel, "not a regular file (FIFO, socket or device); skipped");
    }
    // A symlink: ignore rules first, so an ignored link (a build `result` link, say) is silent.
    fs::file_status target = fs::status(path, ec);
    if (ignore.ignored(rel, fs::is_directory(target))) return;
    fs::path resolved = fs::canonical(path, ec);
    if (ec) return note(rel, "broken symlink; skipped");
    if (!inside(root_canonical, resolved)) return note(rel, "symlink points outside the target; not followed");
    if (fs::is_directory(target)) return linked.push_back({path, rel, depth, ignore});
    if (fs::is_regular_file(target)) return add_file(path, rel);
    note(rel, "symlink to something that is not a regular file; skipped");
  }

  void walk_linked_folders() {
    while (!linked.empty()) {
      LinkedFolder next = std::move(linked.front());
      linked.pop_front();
      ignore = std::move(next.ignore);
      std::error_code ec;
      fs::path canonical = fs::canonical(next.path, ec);
      if (ec) {
        note(next.rel, "cannot resolve folder: " + ec.message());
        continue;
      }
      walk_folder(next.path, next.rel, next.depth, canonical);
    }
  }
};

}  // namespace

void discover(const fs::path& root, std::vector<DiscoveredFile>& files, std::vector<Diagnostic>& diagnostics,
              const std::function<void(const DiscoveredFile&)>& on_file) {
  std::error_code ec;
  fs::file_status status = fs::status(root, ec);
  const std::string shown = root.string();
  if (fs::is_regular_file(status)) {
    Walk walk{{}, files, diagnostics, {}, {}, on_file, {}};
    walk.add_file(root, root.filename().string());
    return;
  }
  if (!fs::is_directory(status)) {
    diagnostics.push_back({{shown, 0, 0}, "not a file or folder; nothing to scan"});
    return;
  }
  fs::path canonical = fs::canonical(root, ec);
  if (ec) {
    diagnostics.push_back({{shown, 0, 0}, "cannot resolve the target folder: " + ec.message()});
    return;
  }
  Walk walk{canonical, files, diagnostics, {}, {canonical}, on_file, {}};
  walk.walk(root, "", 0, canonical);
  walk.walk_linked_folders();
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.rel_path < b.rel_path; });
}

}  // namespace openlock
