// The command's heap set-up for a scan (heap.cpp says why).
#pragma once

namespace openlock::cli {

/// Asks for large pages for the main heap and for `threads` thread heaps (taken by the threads
/// the scan starts next), unless the user set GLIBC_TUNABLES. Call before the scan starts them.
void prepare_heap(unsigned threads);

}  // namespace openlock::cli
