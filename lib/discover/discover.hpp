// discover: walk a target, honour ignore files, skip what must not be read, classify.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "openlock/result.hpp"

namespace openlock {

/// The target folder, held open while files found in it wait to be read: every file is opened
/// relative to it with no symlink allowed on the way, so a folder or file swapped for a symlink
/// after the walk is not followed out of the target (see open_in_target).
struct TargetRoot {
  int fd = -1;
  std::filesystem::path canonical;  ///< its real path: where a symlink must stay
  TargetRoot(int f, std::filesystem::path c) : fd(f), canonical(std::move(c)) {}
  TargetRoot(const TargetRoot&) = delete;
  TargetRoot& operator=(const TargetRoot&) = delete;
  ~TargetRoot();
};

/// Opens a target folder (the user named it: a symlink to it is fine). Null and `error` on failure.
std::shared_ptr<const TargetRoot> open_target_root(const std::filesystem::path& folder, std::string& error);

struct DiscoveredFile {
  DiscoveredFile() = default;
  DiscoveredFile(std::string rel, std::filesystem::path abs, std::shared_ptr<const TargetRoot> open_root = {},
                 std::string real = {})
      : rel_path(std::move(rel)), abs_path(std::move(abs)), root(std::move(open_root)), real_path(std::move(real)) {}
  std::string rel_path;             ///< relative to the target root, '/'-separated
  std::filesystem::path abs_path;   ///< its name on disk (its size is taken when it is read)
  /// The open target; null for a target that is one file (opened by abs_path, as the user named it).
  std::shared_ptr<const TargetRoot> root;
  /// Where it really is below root ('/'-separated, no symlink on the way) when that is not
  /// rel_path: a file reached through a symlink inside the target.
  std::string real_path;
  [[nodiscard]] const std::string& path_below_root() const { return real_path.empty() ? rel_path : real_path; }
};

/// Opens a discovered file (or folder, with O_DIRECTORY in `flags`) below its root, following no
/// symlink and never leaving the root; O_NOFOLLOW and O_CLOEXEC are added. -1 and errno on failure
/// (ELOOP: a symlink on the way).
int open_in_target(const DiscoveredFile& file, int flags);

/// `rel` below the target folder as the walker would take it: a symlink is followed only while
/// it stays inside the target. False with `why` ("symlink points outside the target; not followed",
/// "does not exist", ...) otherwise. The file is opened only when it is read.
bool find_in_target(const std::shared_ptr<const TargetRoot>& root, const std::filesystem::path& root_path,
                    const std::string& rel, DiscoveredFile& file, std::string& why);

/// The size of a discovered file, by fstat of the file open_in_target finds. False when it is gone.
bool discovered_size(const DiscoveredFile& file, std::uint64_t& size);

/// Walks `root` (a directory or one regular file). Honours .gitignore and .openlockignore
/// (gitignore semantics, nested files), always skips .git/, never follows a symlink whose
/// target leaves `root`, never loops. Symlinks out of the target and unreadable folders get a
/// diagnostic. Sizes are recorded, not capped: read_text_file applies the cap to the files a
/// parser wants, so a large binary nobody reads is no diagnostic.
/// Files are returned sorted by rel_path. For a single file, rel_path is its file name.
/// `on_file`, when given, sees each file as soon as the walk finds it (in walk order), so its
/// reading can start while the walk goes on.
void discover(const std::filesystem::path& root, std::vector<DiscoveredFile>& files,
              std::vector<Diagnostic>& diagnostics, const std::function<void(const DiscoveredFile&)>& on_file = {});

/// Reads a discovered file whole. Returns false and adds a diagnostic when it cannot be read, is
/// over the size cap or is binary (a NUL byte in the first 8 KiB): only files a parser claims by
/// name are read, so binary content there (a LICENSE or package.json that is not text) is news.
bool read_text_file(const DiscoveredFile& file, std::uint64_t max_file_size, std::string& text,
                    std::vector<Diagnostic>& diagnostics);

/// Binary content, as read_text_file judges it: a NUL byte in the first 8 KiB.
bool looks_binary(std::string_view text);

/// What a file is, from its path: model_card | license_text | manifest | deploy | source | other.
std::string_view classify(std::string_view rel_path);

/// Where a file sits, from its relative path: product | test | docs | example | build | deploy.
std::string_view context_of(std::string_view rel_path);

}  // namespace openlock
