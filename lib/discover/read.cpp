// read_text_file(): one read per file; binaries are skipped silently, other problems are diagnostics.
#include <fstream>

#include "discover/discover.hpp"

namespace openlock {

namespace {
constexpr std::size_t kBinaryProbe = 8192;  // a NUL byte in this many first bytes means binary
}

bool read_text_file(const DiscoveredFile& file, std::uint64_t max_file_size, std::string& text,
                    std::vector<Diagnostic>& diagnostics) {
  if (file.size > max_file_size) {
    diagnostics.push_back({{file.rel_path, 0, 0}, "file is " + std::to_string(file.size) + " bytes, over the size cap of " +
                                                      std::to_string(max_file_size) +
                                                      " bytes; skipped (raise with --max-file-size)"});
    return false;
  }
  std::ifstream in(file.abs_path, std::ios::binary);
  if (!in) {
    diagnostics.push_back({{file.rel_path, 0, 0}, "cannot read file: permission denied or file vanished"});
    return false;
  }
  // Read at most one byte over the cap, so a file that grew since the walk is still bounded.
  text.resize(static_cast<std::size_t>(max_file_size) + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    diagnostics.push_back({{file.rel_path, 0, 0}, "cannot read file: I/O error"});
    return false;
  }
  if (text.size() > max_file_size) {
    diagnostics.push_back({{file.rel_path, 0, 0}, "file grew over the size cap of " + std::to_string(max_file_size) +
                                                      " bytes while scanning; skipped"});
    return false;
  }
  if (text.find('\0') < kBinaryProbe) return false;
  return true;
}

}  // namespace openlock
