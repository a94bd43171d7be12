// openlock: audits AI models and the code around them for openness and vendor lock-in.
// The CLI only parses flags, calls the library, renders and picks the exit code.
#include <iostream>
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "output_file.hpp"
#include "openlock/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"openlock: audit AI models and the code around them for openness and vendor lock-in.\n"
               "Docs: docs/usage.md. Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or target error.",
               "openlock"};
  app.set_version_flag("--version", std::string("openlock ") + std::string(openlock::version()) + " (rules " +
                                        std::string(openlock::rules_version()) + ")");
  app.require_subcommand(1);
  app.failure_message(CLI::FailureMessage::help);
  auto run_scan = openlock::cli::add_scan(app);
  auto run_license = openlock::cli::add_license(app);
  auto run_rules = openlock::cli::add_rules(app);
  auto run_mof = openlock::cli::add_mof(app);
  auto run_baseline = openlock::cli::add_baseline(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return openlock::cli::usage;
  }
  int code = openlock::cli::usage;
  if (app.got_subcommand("scan")) code = run_scan();
  else if (app.got_subcommand("license")) code = run_license();
  else if (app.got_subcommand("rules")) code = run_rules();
  else if (app.got_subcommand("mof")) code = run_mof();
  else if (app.got_subcommand("baseline")) code = run_baseline();
  return openlock::cli::finish_stdout(code);  // a report to a full disk is an error, not a silent exit
}
