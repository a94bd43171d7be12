// `openlock scan [PATH ...]`: audit repositories or files and report.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <memory>
#include <system_error>
#include <thread>
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "core/log.hpp"
#include "core/utf8.hpp"
#include "heap.hpp"
#include "output_file.hpp"
#include "openlock/openness.hpp"
#include "openlock/openlock.hpp"

namespace openlock::cli {

namespace {

struct ScanFlags {
  std::vector<std::string> paths;
  std::vector<std::string> formats;  // paired in order with outputs
  std::vector<std::string> outputs;
  std::vector<std::string> reports;  // FORMAT=FILE
  std::string baseline;
  std::string mof_out;
  unsigned jobs = 0;
  std::string diff_base;
  std::string config;
  bool show_suppressed = false;
  std::string fail_on;  // empty: the config's fail_on, else high
  std::vector<std::string> rule_dirs;
  std::uint64_t max_file_size = 8u << 20;
  std::size_t max_findings = 25;
  int max_nesting = 64;
  unsigned parse_budget_ms = 10000;
  int verbose = 0;
  bool quiet = false;
};

void setup_logging(const ScanFlags& f) {
  auto logger = spdlog::get("openlock");
  if (!logger) {
    logger = std::make_shared<spdlog::logger>("openlock", std::make_shared<SafeStderrSink>());
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

// Pairs --format with --output in order, adds --report FORMAT=FILE; one report may go to stdout.
bool plan_reports(const ScanFlags& f, std::vector<std::pair<Format, std::string>>& reports) {
  std::vector<std::pair<std::string, std::string>> wanted;
  if (f.outputs.size() > std::max<std::size_t>(f.formats.size(), 1)) {
    std::cerr << "openlock: error: more --output than --format options; pair each --output with a --format\n";
    return false;
  }
  for (std::size_t i = 0; i < f.formats.size(); ++i) wanted.emplace_back(f.formats[i], i < f.outputs.size() ? f.outputs[i] : "");
  if (f.formats.empty() && (f.reports.empty() || !f.outputs.empty())) wanted.emplace_back("text", f.outputs.empty() ? "" : f.outputs[0]);
  for (const auto& r : f.reports) {
    auto eq = r.find('=');
    if (eq == std::string::npos || eq + 1 == r.size()) {
      std::cerr << "openlock: error: --report needs FORMAT=FILE, got '" << r << "'\n";
      return false;
    }
    wanted.emplace_back(r.substr(0, eq), r.substr(eq + 1));
  }
  int to_stdout = 0;
  for (const auto& [name, path] : wanted) {
    auto format = parse_format(name);
    if (!format) {
      std::cerr << "openlock: error: unknown report format '" << name << "'\n";
      return false;
    }
    to_stdout += path.empty();
    reports.emplace_back(*format, path);
  }
  if (to_stdout > 1) {
    std::cerr << "openlock: error: only one report can go to standard output; give the others --output\n";
    return false;
  }
  return true;
}

// --mof-out: one Model Openness Tool record per model, as YAML documents of one file.
bool write_mof_records(const AuditResult& result, const std::string& path) {
  OutputFile file(path);
  if (!file.is_open()) return false;
  for (std::size_t i = 0; i < result.models.size(); ++i) {
    if (i) file.stream() << "---\n";
    write_mof_record(result.models[i], file.stream());
  }
  if (!file.commit()) return false;
  if (result.models.empty()) std::cerr << "openlock: warning: no model card found; " << terminal_safe(path) << " is empty\n";
  return true;
}

int run(const ScanFlags& f) {
  setup_logging(f);
  auto logger = spdlog::get("openlock");
  std::vector<std::pair<Format, std::string>> reports;
  if (!plan_reports(f, reports)) return usage;

  // As many thread heaps as jobs: the jobs - 1 parsing threads take theirs, and the scoring
  // threads that start after them the rest (measured: one fewer costs ~4% CPU).
  prepare_heap(f.jobs ? f.jobs : std::thread::hardware_concurrency());
  AuditOptions options;
  options.targets = f.paths.empty() ? std::vector<std::string>{"."} : f.paths;
  options.rule_dirs = f.rule_dirs;
  options.max_file_size = f.max_file_size;
  options.max_nesting = f.max_nesting;
  options.parse_budget_ms = f.parse_budget_ms;
  options.max_findings_per_rule_file = f.max_findings;
  options.jobs = f.jobs;
  options.progress = progress_reporter(f.quiet);
  options.baseline = f.baseline;
  options.diff_base = f.diff_base;
  options.config = f.config;
  // Stdin, like a target file, is read to one byte over --max-file-size at most: the scan says it
  // is over the cap without holding all of it.
  if (std::find(options.targets.begin(), options.targets.end(), "-") != options.targets.end()) {
    if (int e = read_bounded(STDIN_FILENO, 0, f.max_file_size, options.stdin_text)) {
      std::cerr << "openlock: error: cannot read standard input: " << std::generic_category().message(e) << "\n";
      return usage;
    }
  }

  AuditResult result;
  AuditError error;
  if (!Auditor(std::move(options)).audit(result, error)) {
    std::cerr << "openlock: error: " << terminal_safe(error.message) << "\n";
    return usage;
  }
  for (const auto& d : result.diagnostics)
    logger->warn("{}{}: {}", d.location.path, d.location.line ? ":" + std::to_string(d.location.line) : "", d.message);

  // --fail-on wins over the config's fail_on; high when neither says.
  std::optional<Severity> fail_on = f.fail_on.empty() ? result.config_fail_on : parse_severity(f.fail_on);
  if (!fail_on) fail_on = Severity::high;
  for (const auto& [report_format, path] : reports) {
    auto started = std::chrono::steady_clock::now();
    auto took = [&] {
      logger->debug("report to {}: {} ms", path.empty() ? std::string("stdout") : path,
                    std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
    };
    RenderOptions render_options{colour_wanted(!path.empty()), *fail_on, f.show_suppressed};
    OutputFile output(path);
    if (!output.is_open()) return usage;
    render(result, report_format, output.stream(), render_options);
    if (!output.commit()) return usage;
    took();
  }
  if (!f.mof_out.empty() && !write_mof_records(result, f.mof_out)) return usage;
  return result.count_at_least(*fail_on) ? findings : ok;
}

}  // namespace

std::function<int()> add_scan(CLI::App& app) {
  auto flags = std::make_shared<ScanFlags>();
  CLI::App* scan = app.add_subcommand("scan", "Audit repositories or files (default: .); '-' reads one model card on stdin");
  scan->add_option("paths", flags->paths, "Directories or files to audit");
  scan->add_option("--format", flags->formats, "Report format (default text); repeat, each with its --output")
      ->check(CLI::IsMember({"text", "json", "sarif", "markdown", "junit", "cyclonedx", "html"}))
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);
  scan->add_option("-o,--output", flags->outputs, "Write the report of the matching --format to FILE instead of stdout")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("FILE")
      ->allow_extra_args(false);
  scan->add_option("--report", flags->reports, "Also write FORMAT to FILE (repeatable), e.g. --report sarif=out.sarif")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("FORMAT=FILE")
      ->allow_extra_args(false);
  scan->add_option("--diff-base", flags->diff_base, "Report only findings on lines changed since this git revision")
      ->type_name("GIT_REF");
  scan->add_flag("--show-suppressed", flags->show_suppressed, "List findings silenced by openlock:ignore in the text report");
  scan->add_option("-j,--jobs", flags->jobs, "Threads that walk, read and parse (default: one per CPU core); the report is the same for any N")
      ->type_name("N");
  scan->add_option("--mof-out", flags->mof_out, "Also write each model found as a Model Openness Tool record (YAML)")
      ->type_name("FILE");
  scan->add_option("--baseline", flags->baseline, "A previous JSON report: findings it has are not reported again")
      ->type_name("FILE");
  scan->add_option("--fail-on", flags->fail_on, "Exit 1 when a finding is at or above this severity (default: the config's fail_on, else high)")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}, CLI::ignore_case));
  scan->add_option("--config", flags->config, "Config file (default: .openlock.yaml at the first target's root)")
      ->type_name("FILE");
  scan->add_option("--rules", flags->rule_dirs, "Add rule packs from DIR (a rule with a built-in id replaces it)")
      ->type_name("DIR")
      ->allow_extra_args(false);
  scan->add_option("--max-findings", flags->max_findings, "List at most N findings of one rule in one file (0: all)")
      ->capture_default_str();
  scan->add_option("--max-file-size", flags->max_file_size, "Skip files larger than N bytes")
      ->capture_default_str()
      ->type_name("N");
  scan->add_option("--max-nesting", flags->max_nesting, "Refuse JSON/YAML/TOML nested deeper than N levels (1-256)")
      ->capture_default_str()
      ->check(CLI::Range(1, 256))
      ->type_name("N");
  scan->add_option("--parse-budget", flags->parse_budget_ms, "Per-file parse time budget in milliseconds (0: none)")
      ->capture_default_str()
      ->type_name("MS");
  scan->add_flag("-v,--verbose", flags->verbose, "More log output on stderr (repeat for more)");
  scan->add_flag("-q,--quiet", flags->quiet, "Only errors on stderr");
  return [flags] { return run(*flags); };
}

std::function<int()> add_baseline(CLI::App& app) {
  auto flags = std::make_shared<ScanFlags>();
  auto file = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("baseline", "Record today's findings to silence them later (--baseline FILE)");
  cmd->require_subcommand(1);
  CLI::App* write = cmd->add_subcommand("write", "Scan PATH... and write the JSON report that --baseline reads");
  write->add_option("file", *file, "Baseline file to write")->required();
  write->add_option("paths", flags->paths, "Directories or files to audit (default: .)");
  write->add_option("--rules", flags->rule_dirs, "Add rule packs from DIR")->type_name("DIR")
      ->allow_extra_args(false);
  cmd->footer("Exit codes: 0 written, 2 usage error or a target that could not be read.");
  return [flags, file] {
    flags->formats = {"json"};
    flags->outputs = {*file};
    flags->quiet = true;
    int code = run(*flags);
    return code == findings ? static_cast<int>(ok) : code;  // findings are what a baseline records
  };
}

}  // namespace openlock::cli
