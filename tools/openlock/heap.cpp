// Large pages for the heaps a scan fills. A scan allocates tens of megabytes in small pieces
// (facts, findings, their strings); faulting that memory in 4 KiB at a time was a quarter of a
// scan's time on the virtual machines we measure on (docs/performance.md). glibc backs its heaps
// with 2 MiB pages only when asked to (GLIBC_TUNABLES=glibc.malloc.hugetlb=1 and a large top pad,
// read at start-up), so the command asks on its own behalf, for the heaps the scan will use:
//  - the main heap: grown once in one large step and advised (MADV_HUGEPAGE);
//  - one heap per thread the scan starts: glibc gives each new thread an arena of its own, and a
//    thread that ends leaves its arena for the next thread to start. Threads started here take
//    one arena each, advise it and end; the scan's parsing, then scoring, threads reuse them.
// Only advice: where the kernel gives no huge pages, or on another C library, nothing changes.
// A user who sets GLIBC_TUNABLES keeps exactly what they set.
#include "heap.hpp"

#include <cstdint>
#include <cstdlib>

#if defined(__GLIBC__) && defined(__LP64__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <latch>
#include <thread>
#include <vector>
#define OPENLOCK_TUNE_HEAP 1
#endif

namespace openlock::cli {

#ifdef OPENLOCK_TUNE_HEAP
namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;
constexpr std::uintptr_t kHugePage = 2 * kMiB;
// glibc's thread heaps are this size and aligned to it on 64-bit systems (HEAP_MAX_SIZE): the
// heap that holds an address starts at the address rounded down to it.
constexpr std::uintptr_t kThreadHeap = 64 * kMiB;
#ifdef MADV_COLLAPSE
constexpr int kCollapse = MADV_COLLAPSE;
#else
constexpr int kCollapse = 25;  // Linux 6.1; older kernels refuse it, which changes nothing
#endif
constexpr std::size_t kTopPad = 256 * kMiB;  // address space only: pages are touched as they are used

// From the page that holds `from`: the kernel gives large pages where whole 2 MiB spans are free.
void advise_huge_pages(std::uintptr_t from, std::uintptr_t to) {
  from &= ~static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE) - 1);
  if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
}

// Grows the main heap by the top pad now (an allocation above what is left at its top, kept off
// mmap by the threshold) and advises all of it.
void prepare_main_heap() {
  mallopt(M_TOP_PAD, static_cast<int>(kTopPad));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * kTopPad));  // freed memory stays for the next use
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(32 * kMiB));     // file buffers come from the heap too
  void* probe = std::malloc(2 * kMiB);
  if (!probe) return;
  advise_huge_pages(reinterpret_cast<std::uintptr_t>(probe), reinterpret_cast<std::uintptr_t>(sbrk(0)));
  std::free(probe);
}

// Each thread holds its arena until all have one (a thread that ended first would hand its arena
// to the next), advises it, and ends.
void prepare_thread_heaps(unsigned count) {
  std::latch all_have_one(count);
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < count; ++i)
    threads.emplace_back([&] {
      void* probe = std::malloc(64);
      if (probe) {
        auto heap = reinterpret_cast<std::uintptr_t>(probe) & ~(kThreadHeap - 1);
        advise_huge_pages(heap, heap + kThreadHeap);
        // The arena's first page was touched before the advice, so the kernel would fill the
        // rest of that first 2 MiB with small pages: collapse it into a large one now.
        madvise(reinterpret_cast<void*>(heap), kHugePage, kCollapse);
      }
      all_have_one.arrive_and_wait();
      std::free(probe);
    });
  for (auto& t : threads) t.join();
}

}  // namespace

void prepare_heap(unsigned threads) {
  if (std::getenv("GLIBC_TUNABLES")) return;
  prepare_main_heap();
  prepare_thread_heaps(std::clamp(threads, 1u, 64u));
}
#else
void prepare_heap(unsigned) {}
#endif

}  // namespace openlock::cli
