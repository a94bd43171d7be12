// read_text_file(): one read per file; binaries and every other problem are diagnostics.
// POSIX open/fstat rather than a stream: the file may have been swapped for a FIFO since the walk
// (O_NONBLOCK keeps open from hanging, fstat refuses it), and errno names the real reason.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <limits>
#include <system_error>

#include "discover/discover.hpp"

namespace openlock {

namespace {

constexpr std::size_t kBinaryProbe = 8192;  // a NUL byte in this many first bytes means binary

std::string over_cap(std::uint64_t size, std::uint64_t cap) {
  return "file is " + std::to_string(size) + " bytes, over the size cap of " + std::to_string(cap) +
         " bytes; skipped (raise with --max-file-size)";
}

std::string errno_reason() { return std::generic_category().message(errno); }

// Closes the descriptor on every way out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

bool read_text_file(const DiscoveredFile& file, std::uint64_t max_file_size, std::string& text,
                    std::vector<Diagnostic>& diagnostics) {
  text.clear();
  auto fail = [&](std::string message) {
    text.clear();
    diagnostics.push_back({{file.rel_path, 0, 0}, std::move(message)});
    return false;
  };
  Fd in{::open(file.abs_path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (in.fd < 0) return fail("cannot read file: " + errno_reason());
  struct stat st {};
  if (::fstat(in.fd, &st) != 0) return fail("cannot read file: " + errno_reason());
  if (!S_ISREG(st.st_mode)) return fail("cannot read file: not a regular file any more");
  auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > max_file_size) return fail(over_cap(size, max_file_size));

  // Read up to one byte over the cap, so a file that grows while we read is still bounded.
  const std::uint64_t limit =
      max_file_size < std::numeric_limits<std::uint64_t>::max() ? max_file_size + 1 : max_file_size;
  text.resize(static_cast<std::size_t>(size) + 1);
  std::size_t got = 0;
  while (got < text.size()) {
    ssize_t n = ::read(in.fd, text.data() + got, text.size() - got);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot read file: " + errno_reason());
    }
    got += static_cast<std::size_t>(n);
    if (got == size && size > 0) break;  // all fstat promised: no second read just to see the end
    if (got == text.size() && got < limit) text.resize(static_cast<std::size_t>(std::min<std::uint64_t>(got * 2, limit)));
  }
  text.resize(got);
  if (got > max_file_size) return fail(over_cap(got, max_file_size));
  // Only files a parser claims by name are read: binary content there is worth saying.
  if (text.find('\0') < kBinaryProbe) return fail("binary content in a file named like a text file; skipped");
  return true;
}

}  // namespace openlock
