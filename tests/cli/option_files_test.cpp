// Files named by options (--config, --baseline, license --file, mof RECORD) and stdin: a FIFO or
// device is refused at once instead of blocking or reading without end, and sizes are capped
// (report D13, D19). Each command runs under `timeout` so a regression fails instead of hanging.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const fs::path kTmp = fs::temp_directory_path() / ("openlock-option-files-" + std::to_string(::getpid()));

struct CliRun {
  int exit_code = -1;
  std::string err;
};

// Stderr only (merged into the pipe; stdout goes away).
CliRun openlock(const std::string& args, const std::string& before = "") {
  std::string cmd = before + "timeout 60 '" + std::string(OPENLOCK_BIN) + "' " + args + " 2>&1 >/dev/null";
  CliRun run;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buf{};
  for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0;) run.err.append(buf.data(), n);
  int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class OptionFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(kTmp / "repo");
    std::ofstream(kTmp / "repo/requirements.txt") << "numpy\n";
    fifo = (kTmp / "fifo").string();
    ::mkfifo(fifo.c_str(), 0600);
  }
  void TearDown() override { fs::remove_all(kTmp); }
  std::string repo() const { return (kTmp / "repo").string(); }
  std::string fifo;
};

}  // namespace

TEST_F(OptionFiles, AFifoIsRefusedAsNotARegularFile) {
  for (const std::string& args : {"scan '" + repo() + "' --config '" + fifo + "'", "scan '" + repo() + "' --baseline '" + fifo + "'",
                                  "license --file '" + fifo + "'", "mof '" + fifo + "'"}) {
    CliRun r = openlock(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;  // 124: timeout killed a blocked read
    EXPECT_NE(r.err.find(fifo + "': not a regular file"), std::string::npos) << args << "\n" << r.err;
  }
}

TEST_F(OptionFiles, ADeviceIsRefusedNotReadWithoutEnd) {
  for (const std::string& args : {"scan '" + repo() + "' --config /dev/zero", std::string("license --file /dev/zero"), std::string("mof /dev/zero")}) {
    CliRun r = openlock(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << args << "\n" << r.err;
  }
}

TEST_F(OptionFiles, AnOversizedConfigIsRefusedNamingTheLimit) {
  const fs::path big = kTmp / "big.yaml";
  std::ofstream(big) << "";
  fs::resize_file(big, 2u << 20);
  CliRun r = openlock("scan '" + repo() + "' --config '" + big.string() + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("2097152 bytes, over the limit of 1048576 bytes"), std::string::npos) << r.err;
}

TEST_F(OptionFiles, StdinIsReadOnlyToTheCap) {
  // 200 MB of zeros: read whole before, in seconds; now 1001 bytes, then the writer gets SIGPIPE.
  CliRun big = openlock("scan - --max-file-size 1000 --format json", "head -c 200000000 /dev/zero | ");
  EXPECT_EQ(big.exit_code, 0) << big.err;
  EXPECT_NE(big.err.find("over the size cap of 1000 bytes"), std::string::npos) << big.err;
  CliRun binary = openlock("scan - --format json", "printf 'license: mit\\0\\0\\n' | ");
  EXPECT_EQ(binary.exit_code, 0) << binary.err;
  EXPECT_NE(binary.err.find("binary content"), std::string::npos) << binary.err;
}
