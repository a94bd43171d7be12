// Where a report goes (standard output or a file), with every write checked: a report that
// cannot be written is an error that names the file and the OS's reason, never a silent exit.
#pragma once

#include <ostream>
#include <streambuf>
#include <string>

namespace openlock::cli {

/// A stream buffer on a file descriptor that keeps the first error of write(2).
class FdBuffer final : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  FdBuffer(const FdBuffer&) = delete;
  FdBuffer& operator=(const FdBuffer&) = delete;

  /// errno of the first failed write, 0 while all went out.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override;
  int sync() override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;

 private:
  bool write_all(const char* data, std::size_t size);
  bool drain();

  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
};

/// One report's destination. A regular file (or a new one) is written to a temporary file beside
/// it and renamed into place by commit(), so a failed write leaves no partial report and the old
/// file as it was; anything else (standard output, /dev/stdout, /dev/full, a FIFO) is written
/// directly. Errors are printed as "openlock: error: cannot write 'PATH': REASON".
class OutputFile {
 public:
  /// `path` empty: standard output.
  explicit OutputFile(std::string path);
  ~OutputFile();  // removes the temporary file when commit() did not succeed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// False when the destination could not be opened (already reported on stderr).
  bool is_open() const { return fd_ >= 0; }
  std::ostream& stream() { return stream_; }
  /// Flushes and closes, then renames the temporary file into place; false (reported) on any error.
  bool commit();

 private:
  int open_destination();
  bool fail(int error);

  std::string path_;       // as given; "" for standard output
  std::string final_;      // what temporary_ is renamed to (a symlink's target for a symlink)
  std::string temporary_;  // beside final_, or "" when written directly
  int fd_;
  FdBuffer buffer_;
  std::ostream stream_;
  bool committed_ = false;
};

/// Flushes std::cout and stdio's stdout (the reports of the other subcommands); on a write
/// error says so and returns the usage exit code, else `code`.
int finish_stdout(int code);

}  // namespace openlock::cli
