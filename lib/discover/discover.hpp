// discover: walk a target, honour ignore files, skip what must not be read, classify.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "openlock/result.hpp"

namespace openlock {

struct DiscoveredFile {
  std::string rel_path;             ///< relative to the target root, '/'-separated
  std::filesystem::path abs_path;   ///< where to read it
  std::uint64_t size = 0;
};

struct DiscoverOptions {
  std::uint64_t max_file_size = 8u << 20;  ///< larger files are skipped with a diagnostic
};

/// Walks `root` (a directory or one regular file). Honours .gitignore and .openlockignore
/// (gitignore semantics, nested files), always skips .git/, never follows a symlink whose
/// target leaves `root`, never loops. Skipped files that a user would expect to be read
/// (too large, symlink out of the target, unreadable directory) get a diagnostic.
/// Files are returned sorted by rel_path. For a single file, rel_path is its file name.
void discover(const std::filesystem::path& root, const DiscoverOptions& options,
              std::vector<DiscoveredFile>& files, std::vector<Diagnostic>& diagnostics);

/// Reads a discovered file whole. Returns false (and adds a diagnostic) when it cannot be read,
/// is binary (a NUL byte in the first 8 KiB) or is over the size cap.
bool read_text_file(const DiscoveredFile& file, std::uint64_t max_file_size, std::string& text,
                    std::vector<Diagnostic>& diagnostics);

/// Where a file sits, from its relative path: product | test | docs | example | build | deploy.
std::string_view context_of(std::string_view rel_path);

}  // namespace openlock
