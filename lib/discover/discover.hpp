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
  std::filesystem::path abs_path;   ///< where to read it (its size is taken when it is read)
};

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

/// What a file is, from its path: model_card | license_text | manifest | deploy | source | other.
std::string_view classify(std::string_view rel_path);

/// Where a file sits, from its relative path: product | test | docs | example | build | deploy.
std::string_view context_of(std::string_view rel_path);

}  // namespace openlock
