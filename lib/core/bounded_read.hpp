// Bounded reading: a file, a pipe or stdin is read to at most its cap plus one byte, so content
// over the cap is known without reading it all and a device like /dev/zero cannot exhaust memory.
// Header-only: the CLI reads the files its options name with it too.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <limits>
#include <string>
#include <system_error>

namespace openlock {

/// Closes the descriptor on every way out.
struct UniqueFd {
  int fd = -1;
  explicit UniqueFd(int f) : fd(f) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() {
    if (fd >= 0) ::close(fd);
  }
};

/// Reads `fd` into `text` until end of file or `cap` + 1 bytes (so text.size() > cap means "over
/// the cap"). `expected` (st_size, or 0 when unknown) sizes the buffer: a regular file that is
/// all there is read with one call. Returns 0, or the errno of a failed read.
inline int read_bounded(int fd, std::uint64_t expected, std::uint64_t cap, std::string& text) {
  const std::uint64_t limit = cap < std::numeric_limits<std::uint64_t>::max() ? cap + 1 : cap;
  text.clear();
  text.resize(static_cast<std::size_t>(std::min<std::uint64_t>(expected ? expected + 1 : 65536, limit)));
  std::size_t got = 0;
  while (got < text.size()) {
    ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {  // a non-blocking pipe (stdin can be one): wait for data
        pollfd p{fd, POLLIN, 0};
        ::poll(&p, 1, -1);
        continue;
      }
      int error = errno;
      text.clear();
      return error;
    }
    got += static_cast<std::size_t>(n);
    if (expected && got == expected) break;  // all fstat promised: no second read just to see the end
    if (got == text.size() && got < limit) text.resize(static_cast<std::size_t>(std::min<std::uint64_t>(got * 2, limit)));
  }
  text.resize(got);
  return 0;
}

/// "N bytes, over the limit of M bytes": the reason a file over its cap is refused.
inline std::string over_limit(std::uint64_t size, std::uint64_t cap) {
  return std::to_string(size) + " bytes, over the limit of " + std::to_string(cap) + " bytes";
}

/// Reads the file open at `fd` if it is a regular file of at most `cap` bytes. On failure
/// `reason` says why, e.g. "not a regular file" or "N bytes, over the limit of M bytes".
inline bool read_regular_file(int fd, std::uint64_t cap, std::string& text, std::string& reason) {
  text.clear();
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    reason = std::generic_category().message(errno);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    reason = S_ISDIR(st.st_mode) ? "a directory, not a regular file" : "not a regular file";
    return false;
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > cap) {
    reason = over_limit(size, cap);
    return false;
  }
  if (int error = read_bounded(fd, size, cap, text)) {
    reason = std::generic_category().message(error);
    return false;
  }
  if (text.size() > cap) {  // grew since fstat
    reason = "more than " + std::to_string(cap) + " bytes, over the limit";
    text.clear();
    return false;
  }
  return true;
}

/// Reads a file the user named (an option's value: trusted, but it may be a mistake): only a
/// regular file, at most `cap` bytes. O_NONBLOCK keeps a FIFO from blocking the open; fstat then
/// refuses it, and devices. On failure `reason` says why.
inline bool read_user_file(const std::string& path, std::uint64_t cap, std::string& text, std::string& reason) {
  text.clear();
  UniqueFd in{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (in.fd < 0) {
    reason = std::generic_category().message(errno);
    return false;
  }
  return read_regular_file(in.fd, cap, text, reason);
}

}  // namespace openlock
