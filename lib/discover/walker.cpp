// discover(): the directory walk. Never throws, never follows a symlink out of the target,
// never opens anything but regular files and ignore files.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "discover/discover.hpp"
#include "discover/ignore.hpp"

namespace openlock {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxDepth = 256;  // deeper trees are cut off with a diagnostic

struct Walk {
  fs::path root_canonical;
  std::vector<DiscoveredFile>& files;
  std::vector<Diagnostic>& diagnostics;
  IgnoreRules ignore;
  std::set<fs::path> visited;  // canonical folders already walked: no loops, no duplicates

  void note(const std::string& rel, std::string message) {
    diagnostics.push_back({{rel, 0, 0}, std::move(message)});
  }

  bool inside_root(const fs::path& canonical) const {
    auto [r, c] = std::mismatch(root_canonical.begin(), root_canonical.end(), canonical.begin(), canonical.end());
    return r == root_canonical.end();
  }

  void load_ignore_files(const fs::path& dir, const std::string& rel_dir) {
    for (const char* name : {".gitignore", ".openlockignore"}) {
      std::error_code ec;
      fs::path file = dir / name;
      if (!fs::is_regular_file(fs::symlink_status(file, ec))) continue;
      std::ifstream in(file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      ignore.add_file(rel_dir, text.str());
    }
  }

  void add_file(const fs::path& path, const std::string& rel) {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (ec) return note(rel, "cannot read file size: " + ec.message());
    files.push_back({rel, path, size});  // the size cap is applied when a parser wants the file
  }

  void walk(const fs::path& dir, const std::string& rel_dir, int depth) {
    if (depth > kMaxDepth) return note(rel_dir, "folder nesting deeper than " + std::to_string(kMaxDepth) + "; not walked");
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
    if (ec) note(rel_dir.empty() ? "." : rel_dir, "cannot read folder: " + ec.message());
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });

    std::size_t ignore_mark = ignore.size();
    load_ignore_files(dir, rel_dir);
    for (const auto& entry : entries) visit(entry.path(), rel_dir, depth);
    ignore.truncate(ignore_mark);
  }

  void visit(const fs::path& path, const std::string& rel_dir, int depth) {
    std::string name = path.filename().string();
    if (name == ".git") return;
    std::string rel = rel_dir.empty() ? name : rel_dir + "/" + name;
    std::error_code ec;
    fs::file_status link = fs::symlink_status(path, ec);
    fs::file_status target = link;
    if (fs::is_symlink(link)) {
      fs::path resolved = fs::canonical(path, ec);
      if (ec) return note(rel, "broken symlink; skipped");
      if (!inside_root(resolved)) return note(rel, "symlink points outside the target; not followed");
      target = fs::status(resolved, ec);
    }
    if (fs::is_directory(target)) {
      if (ignore.ignored(rel, true)) return;
      fs::path canonical = fs::canonical(path, ec);
      if (ec || !visited.insert(canonical).second) return;  // a loop or a second way in
      walk(path, rel, depth + 1);
    } else if (fs::is_regular_file(target)) {
      if (!ignore.ignored(rel, false)) add_file(path, rel);
    } else if (!ignore.ignored(rel, false)) {
      note(rel, "not a regular file (FIFO, socket or device); skipped");
    }
  }
};

}  // namespace

void discover(const fs::path& root, std::vector<DiscoveredFile>& files, std::vector<Diagnostic>& diagnostics) {
  std::error_code ec;
  fs::file_status status = fs::status(root, ec);
  fs::path canonical = fs::weakly_canonical(root, ec);
  Walk walk{canonical, files, diagnostics, {}, {}};
  if (fs::is_regular_file(status)) {
    walk.add_file(root, root.filename().string());
  } else if (fs::is_directory(status)) {
    walk.visited.insert(canonical);
    walk.walk(root, "", 0);
  } else {
    walk.note(root.string(), "not a file or folder; nothing to scan");
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.rel_path < b.rel_path; });
}

}  // namespace openlock
