#include "output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "commands.hpp"
#include "core/text.hpp"
#include "core/utf8.hpp"

namespace openlock::cli {

bool FdBuffer::write_all(const char* data, std::size_t size) {
  while (size > 0 && error_ == 0) {
    ssize_t n = ::write(fd_, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = n < 0 ? errno : EIO;
      break;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return error_ == 0;
}

bool FdBuffer::drain() {
  bool ok = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
  setp(buffer_, buffer_ + sizeof buffer_);
  return ok;
}

FdBuffer::int_type FdBuffer::overflow(int_type c) {
  if (!drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) *pptr() = traits_type::to_char_type(c), pbump(1);
  return traits_type::not_eof(c);
}

int FdBuffer::sync() { return drain() ? 0 : -1; }

std::streamsize FdBuffer::xsputn(const char* data, std::streamsize size) {
  if (size <= 0) return 0;  // an empty string may come with a null pointer, which memcpy may not take
  if (size <= epptr() - pptr()) {
    std::memcpy(pptr(), data, static_cast<std::size_t>(size));
    pbump(static_cast<int>(size));
    return size;
  }
  // Larger than the room left: out with the buffer, then the data itself.
  if (!drain() || !write_all(data, static_cast<std::size_t>(size))) return 0;
  return size;
}

OutputFile::OutputFile(std::string path)
    : path_(std::move(path)), final_(path_), fd_(open_destination()), buffer_(fd_), stream_(&buffer_) {}

OutputFile::~OutputFile() {
  if (fd_ >= 0 && fd_ != STDOUT_FILENO) ::close(fd_);
  if (!committed_ && !temporary_.empty()) ::unlink(temporary_.c_str());
}

int OutputFile::open_destination() {
  if (path_.empty()) return STDOUT_FILENO;
  struct stat st {};
  bool link = ::lstat(path_.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
  if (link) {  // replace the file the link names, not the link
    char resolved[PATH_MAX];
    if (::realpath(path_.c_str(), resolved)) final_ = resolved;
  }
  bool exists = ::stat(final_.c_str(), &st) == 0;
  if ((link && !exists) || (exists && !S_ISREG(st.st_mode))) {
    // A device, FIFO or socket, or a dangling link: renaming over it is not writing to it.
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) fail(errno);
    return fd;
  }
  std::string folder(folder_of(final_));
  temporary_ = (folder.empty() ? "." : folder) + "/." + std::string(base_name(final_)) + ".openlock-XXXXXX";
  int fd = ::mkostemp(temporary_.data(), O_CLOEXEC);
  if (fd < 0) {
    temporary_.clear();  // nothing was created
    fail(errno);
    return -1;
  }
  // The mode the file would have had from open(2): the old file's, else 0666 less the umask.
  mode_t mode = st.st_mode & 07777;
  if (!exists) {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  if (::fchmod(fd, mode) != 0) {
    int error = errno;
    ::close(fd);
    fail(error);
    return -1;
  }
  return fd;
}

bool OutputFile::commit() {
  if (fd_ < 0) return false;
  stream_.flush();
  if (buffer_.error()) return fail(buffer_.error());
  if (fd_ == STDOUT_FILENO) return committed_ = true;
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return fail(errno);
  if (!temporary_.empty() && ::rename(temporary_.c_str(), final_.c_str()) != 0) return fail(errno);
  return committed_ = true;
}

bool OutputFile::fail(int error) {
  std::cerr << "openlock: error: cannot write "
            << (path_.empty() ? std::string("to standard output") : "'" + terminal_safe(path_) + "'") << ": "
            << std::strerror(error) << "\n";
  if (!temporary_.empty()) ::unlink(temporary_.c_str()), temporary_.clear();
  return false;
}

int finish_stdout(int code) {
  errno = 0;
  std::cout.flush();
  bool failed = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (!failed) return code;
  std::cerr << "openlock: error: cannot write to standard output: " << (errno ? std::strerror(errno) : "write error") << "\n";
  return usage;
}

}  // namespace openlock::cli
