// Diff mode: which lines of which files changed since a git revision. git only reads objects
// (rev-parse, ls-tree, cat-file --batch): it never looks at the work tree or the index, so no
// filter, hook or other program the audited repository configures has a reason to run, and the
// options and environment below switch those off as well. openlock reads the work-tree files
// itself and diffs them line by line against the revision's blobs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace openlock {

/// How a file differs from the revision: it is new (`whole`), or these lines were added or changed.
struct ChangedFile {
  bool whole = false;
  std::set<std::uint32_t> lines;  ///< 1-based, in the work-tree version
  /// True for a changed line, and for 0 (a finding on the whole file): the file changed at all.
  bool covers(std::uint32_t line) const { return whole || line == 0 || lines.count(line) > 0; }
};

/// path (relative to the target) -> how it changed; files that did not change are absent.
using ChangedLines = std::map<std::string, ChangedFile>;

/// One revision of the git repository that holds a target.
class GitRevision {
 public:
  /// Resolves `rev` to a commit in the repository holding `target` (a folder, or a file in one)
  /// and lists the files it has under the target. False with `error` when git is missing,
  /// `target` is not in a repository, or `rev` is not a commit (or starts with '-').
  bool open(const std::filesystem::path& target, const std::string& rev, std::string& error);

  /// Compares each of `paths` (relative to the target, as the scan reports them) with its blob
  /// in the revision. A regular file the revision lacks (untracked, renamed, moved) is new; a file
  /// openlock cannot read as text (binary, over `max_file_size`) counts as unchanged when the
  /// revision has it; paths that are not regular files are skipped. False with `error` when git
  /// cannot give a blob (one missing from a partial clone: openlock never fetches).
  bool changed_lines(const std::vector<std::string>& paths, std::uint64_t max_file_size, ChangedLines& changed,
                     std::string& error) const;

 private:
  std::filesystem::path dir_;                 // where git runs: the target, or the folder of a file target
  std::string rev_;                           // as given, for messages
  std::map<std::string, std::string> blobs_;  // path relative to dir_ -> blob id in the revision
};

}  // namespace openlock
