#include "core/git_diff.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <string_view>
#include <system_error>

#include "core/line_diff.hpp"
#include "discover/discover.hpp"

extern char** environ;

namespace openlock {

namespace {

namespace fs = std::filesystem;

// Before the command: every program git could take from a config file switched off. The
// commands below only read objects and should start none anyway; this is the second wall.
// protocol.allow=never: a partial clone's promisor remote is never fetched from (that would
// run ssh or a remote helper and credential helpers). safe.directory=*: with the user's global
// config left out, its safe.directory list is too, and CI checkouts owned by another user (a
// container job) would be refused; git's ownership check guards against a repository's config
// running programs, which the options here and object-only commands already rule out.
constexpr std::array kHardening = {
    "--no-pager",
    "-c", "core.fsmonitor=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.attributesFile=/dev/null",
    "-c", "core.askPass=",
    "-c", "core.sshCommand=false",
    "-c", "core.pager=cat",
    "-c", "credential.helper=",
    "-c", "diff.external=",
    "-c", "protocol.allow=never",
    "-c", "safe.directory=*",
};

// The caller's environment without its git settings (GIT_DIR and the like could point git at
// another repository or program), plus no system or global config, no attributes, no prompts,
// no lazy fetch (git >= 2.45; protocol.allow=never covers older ones).
std::vector<std::string> git_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view var(*e);
    if (!var.starts_with("GIT_") && !var.starts_with("SSH_ASKPASS=")) env.emplace_back(var);
  }
  for (const char* var : {"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_ATTR_NOSYSTEM=1",
                          "GIT_TERMINAL_PROMPT=0", "GIT_PAGER=cat", "GIT_ASKPASS=", "SSH_ASKPASS=",
                          "GIT_NO_LAZY_FETCH=1", "GIT_OPTIONAL_LOCKS=0"})
    env.emplace_back(var);
  return env;
}

// A running `git -C dir ...`: its stdout on `out`, its stdin on `in` (a socket, so writing to a
// git that died is an error, not SIGPIPE) or /dev/null; stderr goes to /dev/null.
class GitProcess {
 public:
  GitProcess() = default;
  GitProcess(const GitProcess&) = delete;
  GitProcess& operator=(const GitProcess&) = delete;
  ~GitProcess() { finish(); }

  // False with `error` when git cannot be started.
  bool start(const fs::path& dir, const std::vector<std::string>& command, bool with_input, std::string& error) {
    std::vector<std::string> args = {"git"};
    args.insert(args.end(), kHardening.begin(), kHardening.end());
    args.insert(args.end(), {"-C", dir.string()});
    args.insert(args.end(), command.begin(), command.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    auto env_strings = git_environment();
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);

    int out[2];
    int in[2] = {-1, -1};
    if (pipe2(out, O_CLOEXEC) != 0) {
      error = "cannot run git: " + std::generic_category().message(errno);
      return false;
    }
    if (with_input && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0) {
      error = "cannot run git: " + std::generic_category().message(errno);
      ::close(out[0]);
      ::close(out[1]);
      return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    if (with_input)
      posix_spawn_file_actions_adddup2(&actions, in[1], STDIN_FILENO);
    else
      posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    int spawned = posix_spawnp(&pid_, "git", &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    out_ = out[0];
    if (with_input) {
      ::close(in[1]);
      in_ = in[0];
    }
    if (spawned != 0) {
      pid_ = -1;
      error = spawned == ENOENT ? "--diff-base needs git, which was not found"
                                : "cannot run git: " + std::generic_category().message(spawned);
      return false;
    }
    return true;
  }

  // Everything git writes, until it closes its stdout.
  bool read_all(std::string& text) {
    std::array<char, 65536> chunk{};
    for (;;) {
      ssize_t n = ::read(out_, chunk.data(), chunk.size());
      if (n == 0) return true;
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      text.append(chunk.data(), static_cast<std::size_t>(n));
    }
  }

  // Up to '\n' (not included). False at end of output.
  bool read_line(std::string& line) {
    line.clear();
    for (;;) {
      auto nl = buffered_.find('\n', pos_);
      if (nl != std::string::npos) {
        line.assign(buffered_, pos_, nl - pos_);
        pos_ = nl + 1;
        return true;
      }
      if (!fill()) return false;
    }
  }

  // Exactly `size` bytes, kept in `bytes` or, with `keep` false, dropped.
  bool read_bytes(std::uint64_t size, bool keep, std::string& bytes) {
    bytes.clear();
    while (size > 0) {
      if (pos_ == buffered_.size() && !fill()) return false;
      auto take = static_cast<std::size_t>(std::min<std::uint64_t>(size, buffered_.size() - pos_));
      if (keep) bytes.append(buffered_, pos_, take);
      pos_ += take;
      size -= take;
    }
    return true;
  }

  bool write(std::string_view text) {
    while (!text.empty()) {
      ssize_t n = ::send(in_, text.data(), text.size(), MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Closes git's stdin (which ends a batch) and its stdout, and waits for it: true if it exited 0.
  bool finish() {
    if (in_ >= 0) ::close(in_);
    if (out_ >= 0) ::close(out_);
    in_ = out_ = -1;
    if (pid_ < 0) return false;
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }

 private:
  bool fill() {
    if (pos_ == buffered_.size()) buffered_.clear(), pos_ = 0;
    std::array<char, 65536> chunk{};
    for (;;) {
      ssize_t n = ::read(out_, chunk.data(), chunk.size());
      if (n > 0) {
        buffered_.append(chunk.data(), static_cast<std::size_t>(n));
        return true;
      }
      if (n == 0 || errno != EINTR) return false;
    }
  }

  pid_t pid_ = -1;
  int out_ = -1;
  int in_ = -1;
  std::string buffered_;
  std::size_t pos_ = 0;
};

// Runs one git command to its end; its stdout in `out`. False when it could not start or failed.
bool run_git(const fs::path& dir, const std::vector<std::string>& command, std::string& out, std::string& error) {
  GitProcess git;
  if (!git.start(dir, command, false, error)) return false;
  bool read = git.read_all(out);
  return git.finish() && read;
}

// The size in a cat-file answer "<id> blob <size>"; false for "<id> missing" and anything else.
bool blob_size(std::string_view header, std::uint64_t& size) {
  auto at = header.find(" blob ");
  if (at == std::string_view::npos) return false;
  std::string_view digits = header.substr(at + 6);
  if (digits.empty() || digits.size() > 19) return false;
  size = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    size = size * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

}  // namespace

bool GitRevision::open(const fs::path& target, const std::string& rev, std::string& error) {
  if (rev.empty() || rev[0] == '-') {
    error = "--diff-base needs a git revision, got '" + rev + "'";
    return false;
  }
  std::error_code ec;
  dir_ = fs::is_directory(target, ec) ? target : target.parent_path();
  if (dir_.empty()) dir_ = ".";
  rev_ = rev;
  // The target's place in the repository, and the commit (`rev` cannot be an option: checked above).
  std::string out;
  if (!run_git(dir_, {"rev-parse", "--show-prefix", "--verify", rev + "^{commit}"}, out, error)) {
    if (error.empty())
      error = "git rev-parse --verify " + rev + "^{commit} failed in '" + dir_.string() +
              "': not a git repository, '" + rev + "' is not a commit there";
    return false;
  }
  // Two lines: the prefix ("" at the top, else "sub/dir/"), then the commit id.
  auto nl = out.find('\n');
  std::string prefix = out.substr(0, nl);
  std::string commit = nl == std::string::npos ? std::string() : out.substr(nl + 1);
  while (!commit.empty() && commit.back() == '\n') commit.pop_back();
  if (commit.empty()) {
    error = "git rev-parse gave no commit for '" + rev + "' in '" + dir_.string() + "'";
    return false;
  }
  // The commit's files: "<mode> <type> <id>\t<path>\0" each, kept when they are blobs under the target.
  std::string listing;
  if (!run_git(dir_, {"ls-tree", "-r", "-z", "--full-tree", commit}, listing, error)) {
    if (error.empty()) error = "git ls-tree " + commit + " failed in '" + dir_.string() + "'";
    return false;
  }
  blobs_.clear();
  for (std::size_t start = 0; start < listing.size();) {
    std::size_t end = std::min(listing.find('\0', start), listing.size());
    std::string_view entry(listing.data() + start, end - start);
    start = end + 1;
    auto tab = entry.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string_view meta = entry.substr(0, tab), path = entry.substr(tab + 1);
    auto type_at = meta.find(' ');
    auto id_at = meta.find(' ', type_at + 1);
    if (id_at == std::string_view::npos || meta.substr(type_at + 1, id_at - type_at - 1) != "blob") continue;
    if (path.starts_with(prefix)) blobs_.emplace(path.substr(prefix.size()), meta.substr(id_at + 1));
  }
  return true;
}

bool GitRevision::changed_lines(const std::vector<std::string>& paths, std::uint64_t max_file_size, ChangedLines& changed,
                                std::string& error) const {
  GitProcess batch;  // started at the first blob needed
  bool started = false;
  std::string header, blob, text;
  std::vector<Diagnostic> ignored;  // the scan already reported what it could not read
  for (const auto& path : paths) {
    fs::path file = dir_ / path;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) continue;  // a folder (a model's), or gone
    auto in_rev = blobs_.find(path);
    if (in_rev == blobs_.end()) {
      changed[path].whole = true;
      continue;
    }
    if (!read_text_file({path, file}, max_file_size, text, ignored)) continue;
    if (!started && !batch.start(dir_, {"cat-file", "--batch"}, true, error)) return false;
    started = true;
    // Answer: "<id> blob <size>\n<content>\n", or "<id> missing\n".
    if (!batch.write(in_rev->second + "\n") || !batch.read_line(header)) {
      error = "git cat-file --batch stopped in '" + dir_.string() + "'";
      return false;
    }
    std::uint64_t size = 0;
    if (blob_size(header, size)) {
      bool keep = size <= max_file_size;  // an old version over the cap is not compared: all new
      if (!batch.read_bytes(size + 1, keep, blob)) {
        error = "git cat-file --batch stopped in '" + dir_.string() + "'";
        return false;
      }
      if (!keep) {
        changed[path].whole = true;
        continue;
      }
      blob.pop_back();  // the '\n' after each object
      LineChanges diff = diff_lines(blob, text);
      if (diff.differs) changed[path].lines.insert(diff.added.begin(), diff.added.end());
      continue;
    }
    error = "git cat-file has no blob " + in_rev->second + " for '" + path + "' at " + rev_ +
            " (a partial clone? openlock never fetches)";
    return false;
  }
  return true;
}

}  // namespace openlock
