// A target changed while it is scanned: a thread keeps swapping files and folders for symlinks
// that lead out of the target while the walk and the reads run again and again. Nothing from
// outside may ever be read (reliability report D4: 31 of 60 scans leaked).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "discover/discover.hpp"
#include "unit/discover/temp_tree.hpp"

using namespace openlock;
using openlock::testing::TempTree;
namespace fs = std::filesystem;

namespace {

constexpr int kFolders = 200;
constexpr const char* kSecret = "secret-canary==6.6.6";

// Swaps every seventh file for a symlink to the outside file and back, and every eleventh folder
// for a symlink to the outside folder and back, each by an atomic rename, until told to stop.
void swap_until(const fs::path& target, const fs::path& outside, const std::atomic<bool>& stop) {
  for (unsigned n = 0; !stop; ++n) {
    for (int i = 0; i < kFolders && !stop; i += 7) {
      fs::path file = target / ("d" + std::to_string(i)) / "requirements.txt";
      fs::path tmp = file.string() + ".tmp";
      std::error_code ec;
      fs::remove(tmp, ec);
      if (n % 2 == 0) fs::create_symlink(outside / "secret.txt", tmp, ec);
      else std::ofstream(tmp) << "numpy\n";
      std::rename(tmp.c_str(), file.c_str());
    }
    for (int i = 5; i < kFolders && !stop; i += 11) {
      fs::path folder = target / ("e" + std::to_string(i));
      fs::path tmp = folder.string() + ".tmp";
      std::error_code ec;
      fs::remove(tmp, ec);
      fs::create_symlink(n % 2 == 0 ? outside / "dir" : fs::path(folder.string() + ".real"), tmp, ec);
      std::rename(tmp.c_str(), folder.c_str());
    }
  }
}

}  // namespace

TEST(Race, SwappedFilesAndFoldersNeverLeadOutOfTheTarget) {
  TempTree t;
  const fs::path target = t.root() / "target", outside = t.root() / "outside";
  t.write("outside/secret.txt", std::string(kSecret) + "\n");
  t.write("outside/dir/requirements.txt", std::string(kSecret) + "\n");
  for (int i = 0; i < kFolders; ++i) {
    t.write("target/d" + std::to_string(i) + "/requirements.txt", "numpy\n");
    if (i % 11 == 5) {  // a folder that is now the real one, now a symlink out, under one name
      t.write("target/e" + std::to_string(i) + ".real/requirements.txt", "numpy\n");
      fs::create_directory_symlink(target / ("e" + std::to_string(i) + ".real"), target / ("e" + std::to_string(i)));
    }
  }

  std::atomic<bool> stop{false};
  std::thread swapper(swap_until, target, outside, std::cref(stop));
  int scans = 0, reads = 0, leaks = 0;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < end) {
    std::vector<DiscoveredFile> files;
    std::vector<Diagnostic> diagnostics;
    discover(target, files, diagnostics);
    std::string text;
    for (const auto& file : files) {
      if (!read_text_file(file, 1 << 20, text, diagnostics)) continue;
      ++reads;
      if (text.find("secret-canary") != std::string::npos) ++leaks;
    }
    ++scans;
  }
  stop = true;
  swapper.join();
  EXPECT_EQ(leaks, 0) << "outside content read " << leaks << " times in " << scans << " scans";
  EXPECT_GT(reads, 0);
}
