// The command's heap set-up (tools/openlock/heap.cpp): memory a scan allocates, on the main thread
// and on the threads started after it, lies in mappings advised for huge pages ("hg" in the
// mapping's VmFlags), and a user's GLIBC_TUNABLES leaves the heap alone.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "../../tools/openlock/heap.hpp"

namespace {

// The VmFlags of the mapping that holds `p`, from /proc/self/smaps; "" when not found.
std::string flags_of_mapping(const void* p) {
  auto address = reinterpret_cast<std::uintptr_t>(p);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> from >> dash >> to && dash == '-') {
      inside = from <= address && address < to;
    } else if (inside && line.starts_with("VmFlags:")) {
      return line.substr(8) + " ";
    }
  }
  return "";
}

bool advised(const void* p) { return flags_of_mapping(p).find(" hg ") != std::string::npos; }

bool tuning_applies() {
#if !defined(__GLIBC__) || !defined(__LP64__) || defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return false;  // prepare_heap does nothing there
#else
  return std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled").good();  // no THP, no advice
#endif
}

// Each case runs in a child process: the set-up changes the whole process's heap for good.
TEST(Heap, MainAndLaterThreadsAllocateFromAdvisedMappings) {
  if (!tuning_applies()) GTEST_SKIP() << "no glibc heap or no transparent huge pages here";
  EXPECT_EXIT(
      {
        unsetenv("GLIBC_TUNABLES");
        openlock::cli::prepare_heap(2);
        void* on_main = std::malloc(1 << 20);
        bool main_ok = advised(on_main);
        bool threads_ok = true;
        std::thread([&] {
          void* on_thread = std::malloc(4096);
          threads_ok = advised(on_thread);
          std::free(on_thread);
        }).join();
        std::free(on_main);
        std::exit(main_ok && threads_ok ? 0 : (main_ok ? 2 : 1));
      },
      testing::ExitedWithCode(0), "");
}

TEST(Heap, BeforeTheSetUpNothingIsAdvised) {  // the check above can fail: the heap starts plain
  if (!tuning_applies()) GTEST_SKIP() << "no glibc heap or no transparent huge pages here";
  EXPECT_EXIT(
      {
        void* p = std::malloc(1 << 16);
        bool was = advised(p);
        std::free(p);
        std::exit(was ? 1 : 0);
      },
      testing::ExitedWithCode(0), "");
}

TEST(Heap, UserTunablesAreLeftAlone) {
  if (!tuning_applies()) GTEST_SKIP() << "no glibc heap or no transparent huge pages here";
  EXPECT_EXIT(
      {
        setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0", 1);
        openlock::cli::prepare_heap(2);
        void* p = std::malloc(1 << 16);
        bool was = advised(p);
        std::free(p);
        std::exit(was ? 1 : 0);
      },
      testing::ExitedWithCode(0), "");
}

}  // namespace
