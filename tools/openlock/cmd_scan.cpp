// `openlock scan [PATH ...]`: audit repositories or files and report.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "openlock/openlock.hpp"

namespace openlock::cli {

namespace {

struct ScanFlags {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string fail_on = "high";
  std::vector<std::string> rule_dirs;
  std::uint64_t max_file_size = 8u << 20;
  int verbose = 0;
  bool quiet = false;
};

void setup_logging(const ScanFlags& f) {
  auto logger = spdlog::get("openlock");
  if (!logger) {
    logger = std::make_shared<spdlog::logger>("openlock", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_pattern("openlock: %l: %v");
    spdlog::register_logger(logger);
  }
  logger->set_level(f.quiet ? spdlog::level::err : f.verbose >= 2 ? spdlog::level::trace
                                               : f.verbose == 1   ? spdlog::level::debug
                                                                  : spdlog::level::warn);
}

bool colour_wanted(bool to_file) {
  if (to_file || !isatty(STDOUT_FILENO)) return false;
  const char* no_color = std::getenv("NO_COLOR");
  return !(no_color && *no_color);
}

// A one-line counter on stderr, only when a person is watching it.
std::function<void(std::size_t, std::size_t)> progress_reporter(bool quiet) {
  if (quiet || !isatty(STDERR_FILENO)) return {};
  return [](std::size_t done, std::size_t total) {
    if (total < 500) return;
    if (done % 200 == 0 || done == total) std::fprintf(stderr, "\rscanning: %zu/%zu files", done, total);
    if (done == total) std::fputs("\r\033[K", stderr);
  };
}

int run(const ScanFlags& f) {
  setup_logging(f);
  auto logger = spdlog::get("openlock");
  auto format = parse_format(f.format);
  auto fail_on = parse_severity(f.fail_on);
  AuditOptions options;
  options.targets = f.paths.empty() ? std::vector<std::string>{"."} : f.paths;
  options.rule_dirs = f.rule_dirs;
  options.max_file_size = f.max_file_size;
  options.progress = progress_reporter(f.quiet);
  for (const auto& t : options.targets)
    if (t == "-") options.stdin_text.assign(std::istreambuf_iterator<char>(std::cin), {});

  AuditResult result;
  AuditError error;
  if (!Auditor(std::move(options)).audit(result, error)) {
    std::cerr << "openlock: error: " << error.message << "\n";
    return usage;
  }
  for (const auto& d : result.diagnostics)
    logger->warn("{}{}: {}", d.location.path, d.location.line ? ":" + std::to_string(d.location.line) : "", d.message);

  RenderOptions render_options{colour_wanted(!f.output.empty())};
  if (f.output.empty()) {
    render(result, *format, std::cout, render_options);
  } else {
    std::ofstream file(f.output, std::ios::binary);
    if (!file) {
      std::cerr << "openlock: error: cannot write '" << f.output << "'\n";
      return usage;
    }
    render(result, *format, file, render_options);
  }
  return result.count_at_least(*fail_on) ? findings : ok;
}

}  // namespace

std::function<int()> add_scan(CLI::App& app) {
  auto flags = std::make_shared<ScanFlags>();
  CLI::App* scan = app.add_subcommand("scan", "Audit repositories or files (default: .); '-' reads one model card on stdin");
  scan->add_option("paths", flags->paths, "Directories or files to audit");
  scan->add_option("--format", flags->format, "Report format")
      ->check(CLI::IsMember({"text", "json", "sarif", "markdown"}))
      ->capture_default_str();
  scan->add_option("-o,--output", flags->output, "Write the report to FILE instead of stdout");
  scan->add_option("--fail-on", flags->fail_on, "Exit 1 when a finding is at or above this severity")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}, CLI::ignore_case))
      ->capture_default_str();
  scan->add_option("--rules", flags->rule_dirs, "Add rule packs from DIR (a rule with a built-in id replaces it)")
      ->type_name("DIR");
  scan->add_option("--max-file-size", flags->max_file_size, "Skip files larger than N bytes")
      ->capture_default_str()
      ->type_name("N");
  scan->add_flag("-v,--verbose", flags->verbose, "More log output on stderr (repeat for more)");
  scan->add_flag("-q,--quiet", flags->quiet, "Only errors on stderr");
  return [flags] { return run(*flags); };
}

}  // namespace openlock::cli
