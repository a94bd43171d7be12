#include "core/git_diff.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <sstream>
#include <vector>

extern char** environ;

namespace openlock {

ChangedLines parse_unified_diff(const std::string& diff) {
  ChangedLines changed;
  std::istringstream in(diff);
  std::string line, path;
  while (std::getline(in, line)) {
    if (line.rfind("+++ ", 0) == 0) {
      path = line.substr(4);
      if (path.rfind("b/", 0) == 0) path = path.substr(2);
      if (path == "/dev/null") path.clear();
      if (!path.empty()) changed[path];  // a changed file, even if only lines were removed
    } else if (line.rfind("@@ ", 0) == 0 && !path.empty()) {
      // @@ -a[,b] +c[,d] @@ : d new lines from line c (d defaults to 1, 0 = pure deletion).
      auto plus = line.find(" +");
      if (plus == std::string::npos) continue;
      std::uint32_t start = 0, count = 1;
      std::size_t i = plus + 2;
      while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) start = start * 10 + (line[i++] - '0');
      if (i < line.size() && line[i] == ',') {
        count = 0;
        for (++i; i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])); ++i) count = count * 10 + (line[i] - '0');
      }
      for (std::uint32_t l = start; l < start + count; ++l) changed[path].insert(l);
    }
  }
  return changed;
}

bool changed_lines(const std::string& target, const std::string& ref, ChangedLines& changed, std::string& error) {
  if (ref.empty() || ref[0] == '-') {
    error = "--diff-base needs a git revision, got '" + ref + "'";
    return false;
  }
  std::vector<std::string> args = {"git", "-c", "core.fsmonitor=false", "-c", "diff.external=", "-C", target,
                                   "diff", "--no-ext-diff", "--no-textconv", "--no-color", "--unified=0",
                                   "--relative", ref, "--"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2];
  if (pipe(out) != 0) {
    error = "cannot run git: no pipe";
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) {
    close(out[0]);
    error = "--diff-base needs git, which was not found";
    return false;
  }
  std::string diff;
  std::array<char, 65536> buf{};
  for (ssize_t n; (n = read(out[0], buf.data(), buf.size())) > 0;) diff.append(buf.data(), static_cast<std::size_t>(n));
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    error = "git diff " + ref + " failed in '" + target + "' (not a git repository, or an unknown revision)";
    return false;
  }
  changed = parse_unified_diff(diff);
  return true;
}

}  // namespace openlock
