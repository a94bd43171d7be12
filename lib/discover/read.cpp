// Opening and reading discovered files: one read per file; binaries and every other problem are
// diagnostics. POSIX calls rather than a stream: the file may have been swapped for a FIFO since
// the walk (O_NONBLOCK keeps open from hanging, fstat refuses it), or a folder on its way for a
// symlink (opened below the target root with no symlink allowed), and errno names the real reason.
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <limits>
#include <system_error>

#include "core/bounded_read.hpp"
#include "discover/discover.hpp"

namespace openlock {

namespace {

constexpr std::size_t kBinaryProbe = 8192;  // a NUL byte in this many first bytes means binary

std::string over_cap(std::uint64_t size, std::uint64_t cap) {
  return "file is " + std::to_string(size) + " bytes, over the size cap of " + std::to_string(cap) +
         " bytes; skipped (raise with --max-file-size)";
}

std::string errno_reason() {
  if (errno == ELOOP) return "a symlink on its way (swapped in since the walk?); not followed";
  return std::generic_category().message(errno);
}

std::atomic<bool> no_openat2{false};  // the kernel is older than 5.6: every open takes the fallback

// Linux 5.6+: one call, and the kernel itself refuses any symlink and any way out of `root`.
int openat2_beneath(int root, const char* rel, int flags) {
#ifdef SYS_openat2
  open_how how{};
  how.flags = static_cast<std::uint64_t>(flags);
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  for (int attempt = 0;; ++attempt) {  // EAGAIN: a rename raced the lookup; the kernel asks to retry
    int fd = static_cast<int>(::syscall(SYS_openat2, root, rel, &how, sizeof how));
    if (fd >= 0 || errno != EAGAIN || attempt == 3) return fd;
  }
#else
  (void)root, (void)rel, (void)flags;
  errno = ENOSYS;
  return -1;
#endif
}

// Without openat2: one openat per component, each with O_NOFOLLOW, so a symlink anywhere on the
// way fails with ELOOP. A ".." or empty component is refused: real paths have none.
int open_by_components(int root, std::string_view rel, int flags) {
  int dir = root;
  UniqueFd held{-1};
  for (std::size_t start = 0;;) {
    std::size_t slash = rel.find('/', start);
    std::string name(rel.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (name.empty() || name == "." || name == "..") {
      errno = EXDEV;
      return -1;
    }
    if (slash == std::string_view::npos) return ::openat(dir, name.c_str(), flags);
    int next = ::openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) return -1;
    UniqueFd step{next};
    std::swap(held.fd, step.fd);  // the folder before is closed; `next` is held
    dir = next;
    start = slash + 1;
  }
}

}  // namespace

bool looks_binary(std::string_view text) { return text.find('\0') < kBinaryProbe; }

TargetRoot::~TargetRoot() {
  if (fd >= 0) ::close(fd);
}

std::shared_ptr<const TargetRoot> open_target_root(const std::filesystem::path& folder, std::string& error) {
  UniqueFd fd{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (fd.fd < 0) {
    error = std::generic_category().message(errno);
    return nullptr;
  }
  std::error_code ec;
  // The real path of the folder opened (its name may be swapped since), as the kernel knows it.
  auto canonical = std::filesystem::canonical("/proc/self/fd/" + std::to_string(fd.fd), ec);
  if (ec) canonical = std::filesystem::canonical(folder, ec);
  if (ec) {
    error = ec.message();
    return nullptr;
  }
  auto root = std::make_shared<const TargetRoot>(fd.fd, std::move(canonical));
  fd.fd = -1;  // the root owns it now
  return root;
}

int open_in_target(const DiscoveredFile& file, int flags) {
  flags |= O_NOFOLLOW | O_CLOEXEC;
  if (!file.root) return ::open(file.abs_path.c_str(), flags & ~O_NOFOLLOW);  // a file target: as named
  const std::string& rel = file.path_below_root();
  if (rel.empty()) return ::openat(file.root->fd, ".", flags);
  if (!no_openat2.load(std::memory_order_relaxed)) {
    int fd = openat2_beneath(file.root->fd, rel.c_str(), flags);
    if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) return fd;  // EPERM: a seccomp filter refuses it
    if (errno == ENOSYS) no_openat2.store(true, std::memory_order_relaxed);
  }
  return open_by_components(file.root->fd, rel, flags);
}

bool discovered_size(const DiscoveredFile& file, std::uint64_t& size) {
  UniqueFd in{open_in_target(file, O_PATH)};
  struct stat st {};
  if (in.fd < 0 || ::fstat(in.fd, &st) != 0 || !S_ISREG(st.st_mode)) return false;
  size = static_cast<std::uint64_t>(st.st_size);
  return true;
}

bool read_text_file(const DiscoveredFile& file, std::uint64_t max_file_size, std::string& text,
                    std::vector<Diagnostic>& diagnostics) {
  text.clear();
  auto fail = [&](std::string message) {
    text.clear();
    diagnostics.push_back({{file.rel_path, 0, 0}, std::move(message)});
    return false;
  };
  UniqueFd in{open_in_target(file, O_RDONLY | O_NONBLOCK)};
  if (in.fd < 0) return fail("cannot read file: " + errno_reason());
  struct stat st {};
  if (::fstat(in.fd, &st) != 0) return fail("cannot read file: " + errno_reason());
  if (!S_ISREG(st.st_mode)) return fail("cannot read file: not a regular file any more");
  auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > max_file_size) return fail(over_cap(size, max_file_size));
  // Up to one byte over the cap, so a file that grows while we read is still bounded.
  if (int error = read_bounded(in.fd, size, max_file_size, text)) {
    errno = error;
    return fail("cannot read file: " + errno_reason());
  }
  if (text.size() > max_file_size) return fail(over_cap(text.size(), max_file_size));
  // Only files a parser claims by name are read: binary content there is worth saying.
  if (looks_binary(text)) return fail("binary content in a file named like a text file; skipped");
  return true;
}

}  // namespace openlock
