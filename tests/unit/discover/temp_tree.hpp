// A temporary folder tree for discover tests, removed at the end of the test.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace openlock::testing {

/// Root reads files and folders whatever their mode: for as long as this lives, a test running as
/// root acts as "nobody" (CI runs as root), so a mode-000 file is unreadable there too.
class AsNobodyIfRoot {
 public:
  AsNobodyIfRoot() : root_(::geteuid() == 0) {
    if (root_ && ::seteuid(65534) != 0) root_ = false;
  }
  ~AsNobodyIfRoot() {
    if (root_ && ::seteuid(0) != 0) std::abort();
  }
  AsNobodyIfRoot(const AsNobodyIfRoot&) = delete;
  AsNobodyIfRoot& operator=(const AsNobodyIfRoot&) = delete;

 private:
  bool root_;
};

class TempTree {
 public:
  TempTree() {
    static int counter = 0;
    root_ = std::filesystem::temp_directory_path() /
            ("openlock-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::create_directories(root_);
  }
  ~TempTree() {
    std::error_code ec;
    std::filesystem::permissions(root_, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(root_, ec);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path write(const std::string& rel, const std::string& text) const {
    auto path = root_ / rel;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

 private:
  std::filesystem::path root_;
};

}  // namespace openlock::testing
