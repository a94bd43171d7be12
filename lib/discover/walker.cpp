// discover(): the directory walk. Never throws, never follows a symlink out of the target,
// never opens anything but folders, regular files and ignore files.
//
// Folders are walked by descriptor: each one is opened relative to its parent's descriptor with
// O_NOFOLLOW, so a folder swapped for a symlink after its parent was listed is not entered. The
// walk holds one descriptor per folder on its current path (at most kMaxDepth + 1). Files are read
// later, by the parsing threads: rather than keep their folders open (a wide tree would run out
// of descriptors), each is opened again below the target root with no symlink allowed on the way
// (read.cpp: openat2 RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, else O_NOFOLLOW component by
// component). A symlink inside the target that the walk follows is recorded by its real path.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <memory>
#include <set>
#include <system_error>

#include "core/bounded_read.hpp"
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

std::string join(const std::string& dir, const std::string& name) { return dir.empty() ? name : dir + "/" + name; }

std::string folder_error(int error) {
  if (error == ELOOP || error == ENOTDIR) return "cannot read folder: replaced by a symlink or a file during the scan; not followed";
  return "cannot read folder: " + std::generic_category().message(error);
}

struct Walk {
  std::shared_ptr<const TargetRoot> root;
  std::vector<DiscoveredFile>& files;
  std::vector<Diagnostic>& diagnostics;
  IgnoreRules ignore;
  std::set<fs::path> visited;  // canonical folders already walked: no loops, no duplicates
  const std::function<void(const DiscoveredFile&)>& on_file;

  // A folder on the walk: its name on disk, where it is shown and where it really is below root.
  struct Folder {
    fs::path path;
    std::string rel;   // as reported: through the symlink the walk followed, if any
    std::string real;  // below root with no symlink: how it is opened again
  };

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

  // A folder's entry: its name and type as the listing gives them (DT_UNKNOWN: ask fstatat).
  struct Entry {
    std::string name;
    unsigned char type;
  };

  // `entries` are the folder's listing: an ignore file that is not among them costs no lookup.
  void load_ignore_files(int dir_fd, const Folder& dir, const std::vector<Entry>& entries) {
    for (const char* name : {".gitignore", ".openlockignore"}) {
      auto entry = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.name == name; });
      if (entry == entries.end()) continue;
      struct stat st {};
      std::string rel = join(dir.rel, name);
      // Like git, a symlinked ignore file is not read; a FIFO of that name must never be opened.
      if (::fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        note(rel, "cannot read ignore file: " + std::generic_category().message(errno));
        continue;
      }
      if (!S_ISREG(st.st_mode)) continue;
      auto size = static_cast<std::uintmax_t>(st.st_size);
      if (size > kMaxIgnoreFile) {
        note(rel, "ignore file is " + std::to_string(size) + " bytes, over " + std::to_string(kMaxIgnoreFile) +
                      " bytes; its patterns are not applied");
        continue;
      }
      std::string text;  // read like any file: a swap to a FIFO or a symlink since cannot fool us
      if (read_text_file(file_in(dir, name), kMaxIgnoreFile, text, diagnostics)) ignore.add_file(dir.rel, text);
    }
  }

  DiscoveredFile file_in(const Folder& dir, const std::string& name) const {
    std::string rel = join(dir.rel, name);
    std::string real = dir.real == dir.rel ? std::string() : join(dir.real, name);
    return {std::move(rel), dir.path / name, root, std::move(real)};
  }

  // No stat here: most files are never read, and a file that is gets its size from fstat.
  void add_file(DiscoveredFile file) {
    files.push_back(std::move(file));
    if (on_file) on_file(files.back());
  }

  // Lists the folder open at `fd` (taken over) and visits its entries in name order.
  // `canonical` is its real path: known without a lookup while the walk only steps into real
  // folders (a symlinked one is resolved once, where the link is followed).
  void walk(int fd, const Folder& dir, int depth, const fs::path& canonical) {
    std::unique_ptr<DIR, int (*)(DIR*)> listing(fd >= 0 ? ::fdopendir(fd) : nullptr, ::closedir);
    if (!listing) {
      int error = errno;
      if (fd >= 0) ::close(fd);
      return note(dir.rel.empty() ? "." : dir.rel, folder_error(error));
    }
    std::vector<Entry> entries;
    errno = 0;
    while (const dirent* e = ::readdir(listing.get())) {
      std::string_view name = e->d_name;
      if (name != "." && name != "..") entries.push_back({std::string(name), e->d_type});
      errno = 0;
    }
    if (errno) note(dir.rel.empty() ? "." : dir.rel, folder_error(errno));
    // By bytes, as path::compare orders two names (neither has a separator).
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });

    const int dir_fd = ::dirfd(listing.get());
    std::size_t ignore_mark = ignore.size();
    load_ignore_files(dir_fd, dir, entries);
    for (const auto& entry : entries) visit(dir_fd, entry, dir, depth, canonical);
    ignore.truncate(ignore_mark);
  }

  // A real subfolder, opened relative to its parent: if it became a symlink since the listing,
  // O_NOFOLLOW refuses it.
  void walk_subfolder(int parent_fd, const Folder& sub, int depth, const fs::path& canonical) {
    if (depth + 1 > kMaxDepth)
      return note(sub.rel, "folder nesting deeper than " + std::to_string(kMaxDepth) + "; not walked");
    if (!visited.insert(canonical).second) return;  // a second way in
    const std::string name = sub.path.filename().string();
    walk(::openat(parent_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), sub, depth + 1, canonical);
  }

  unsigned char type_of(int dir_fd, const Entry& entry, const std::string& rel, bool& ok) {
    ok = true;
    if (entry.type != DT_UNKNOWN) return entry.type;
    struct stat st {};
    if (::fstatat(dir_fd, entry.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      ok = false;
      note(rel, "cannot read file status: " + std::generic_category().message(errno));
      return DT_UNKNOWN;
    }
    return S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_FIFO;
  }

  void visit(int dir_fd, const Entry& entry, const Folder& dir, int depth, const fs::path& parent_canonical) {
    if (entry.name == ".git") return;
    std::string rel = join(dir.rel, entry.name);
    bool ok = true;
    unsigned char type = type_of(dir_fd, entry, rel, ok);
    if (!ok) return;
    if (type != DT_LNK) {
      bool directory = type == DT_DIR;
      if (ignore.ignored(rel, directory)) return;
      if (directory)
        return walk_subfolder(dir_fd, {dir.path / entry.name, rel, dir.real == dir.rel ? rel : join(dir.real, entry.name)},
                              depth, parent_canonical / entry.name);
      if (type == DT_REG) return add_file(file_in(dir, entry.name));
      return note(rel, "not a regular file (FIFO, socket or device); skipped");
    }
    // A symlink: ignore rules first, so an ignored link (a build `result` link, say) is silent.
    // It is resolved by name; where it leads is opened later below the root without symlinks,
    // so a resolution raced by a swap can only fail, never lead out.
    const fs::path path = dir.path / entry.name;
    std::error_code ec;
    fs::file_status target = fs::status(path, ec);
    if (ignore.ignored(rel, fs::is_directory(target))) return;
    fs::path resolved = fs::canonical(path, ec);
    if (ec) return note(rel, "broken symlink; skipped");
    if (!inside(root->canonical, resolved)) return note(rel, "symlink points outside the target; not followed");
    if (fs::is_directory(target)) return linked.push_back({path, rel, depth, ignore});
    if (fs::is_regular_file(target))
      return add_file({rel, path, root, resolved.lexically_relative(root->canonical).generic_string()});
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
      if (!inside(root->canonical, canonical)) {
        note(next.rel, "symlink points outside the target; not followed");
        continue;
      }
      if (next.depth + 1 > kMaxDepth) {
        note(next.rel, "folder nesting deeper than " + std::to_string(kMaxDepth) + "; not walked");
        continue;
      }
      if (!visited.insert(canonical).second) continue;  // a loop or a second way in
      std::string real = canonical.lexically_relative(root->canonical).generic_string();
      if (real == ".") real.clear();
      Folder folder{next.path, next.rel, real};
      walk(open_in_target({real, {}, root, {}}, O_RDONLY | O_DIRECTORY), folder, next.depth + 1, canonical);
    }
  }
};

}  // namespace

bool find_in_target(const std::shared_ptr<const TargetRoot>& root, const fs::path& root_path, const std::string& rel,
                    DiscoveredFile& file, std::string& why) {
  const fs::path path = root_path / rel;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) {
    why = "does not exist";
    return false;
  }
  fs::path resolved = fs::canonical(path, ec);
  if (ec) {
    why = "broken symlink";
    return false;
  }
  if (!inside(root->canonical, resolved)) {
    why = "symlink points outside the target; not followed";
    return false;
  }
  std::string real = resolved.lexically_relative(root->canonical).generic_string();
  file = {rel, path, root, real == rel ? std::string() : real};
  return true;
}

void discover(const fs::path& root, std::vector<DiscoveredFile>& files, std::vector<Diagnostic>& diagnostics,
              const std::function<void(const DiscoveredFile&)>& on_file) {
  std::error_code ec;
  fs::file_status status = fs::status(root, ec);
  const std::string shown = root.string();
  if (fs::is_regular_file(status)) {
    Walk walk{nullptr, files, diagnostics, {}, {}, on_file, {}};
    walk.add_file({root.filename().string(), root, nullptr, {}});
    return;
  }
  if (!fs::is_directory(status)) {
    diagnostics.push_back({{shown, 0, 0}, "not a file or folder; nothing to scan"});
    return;
  }
  std::string error;
  auto target = open_target_root(root, error);
  if (!target) {
    diagnostics.push_back({{shown, 0, 0}, "cannot resolve the target folder: " + error});
    return;
  }
  Walk walk{target, files, diagnostics, {}, {target->canonical}, on_file, {}};
  walk.walk(::dup(target->fd), {root, "", ""}, 0, target->canonical);
  walk.walk_linked_folders();
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.rel_path < b.rel_path; });
}

}  // namespace openlock
