// The entry point: configure an Auditor and audit targets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openlock/export.hpp"
#include "openlock/result.hpp"

namespace openlock {

/// What to audit and how.
struct AuditOptions {
  std::vector<std::string> targets;   ///< directories or files; "-" reads one model card from stdin
  std::vector<std::string> rule_dirs; ///< extra rule packs; a rule with a built-in id overrides it
  std::uint64_t max_file_size = 8u << 20;  ///< files larger than this are skipped with a diagnostic
  /// Findings of one rule in one file beyond this many are left out of the report (scores still
  /// count them) with one diagnostic saying how many; 0 = no cap.
  std::size_t max_findings_per_rule_file = 25;
  /// JSON, YAML and TOML nesting deeper than this (1-256) is refused with a diagnostic: their
  /// parsers recurse per level, so hostile nesting must not reach them.
  int max_nesting = 64;
  /// Per-file parse time budget in milliseconds: the source lexers stop at it with a diagnostic,
  /// any other parser that overruns it is reported; 0 = none.
  unsigned parse_budget_ms = 10000;
  bool use_builtin_rules = true;      ///< load the rule packs compiled into the library
  std::string stdin_text;             ///< text for the "-" target (the caller reads stdin, at most max_file_size + 1 bytes: over the cap or binary, it is skipped with a diagnostic)
  std::string baseline;               ///< a previous JSON report: its findings (by fingerprint) are not reported again
  std::string diff_base;              ///< a git revision: only findings on lines changed since it are reported
  std::string config;                 ///< config file; empty = .openlock.yaml at the first target's root, if any
  /// Threads, the calling one included: it walks the tree while the others read and parse the
  /// files it finds, then parses with them; 1 = everything on the calling thread; 0 = one per
  /// hardware thread. The report is the same for every value (results are merged in path order).
  unsigned jobs = 0;
  /// Called after each file of a target is handled: (files done, files in this target). With
  /// several jobs it is called from worker threads, one call at a time.
  std::function<void(std::size_t, std::size_t)> progress;
  /// Called once per reported finding, in report order, as soon as the findings are final (rules
  /// see the whole tree, so that is after the last file), before audit() returns.
  std::function<void(const Finding&)> on_finding;
  /// Called once per diagnostic, in report order, when they are final.
  std::function<void(const Diagnostic&)> on_diagnostic;
  /// Polled before each file (from worker threads); once it returns true the audit stops and
  /// audit() returns false with the error "cancelled".
  std::function<bool()> cancelled;
};

/// Raised for errors that stop an audit before it starts (unreadable target, bad rule pack).
struct AuditError {
  std::string message;  ///< one line naming the file (and line) at fault
};

/// Runs audits. Thread safety: one Auditor may be used by one thread at a time; separate Auditors
/// may run in parallel (the embedded knowledge is read-only after its first use).
class OPENLOCK_API Auditor {
 public:
  /// Loads built-in and extra rules; errors are kept and reported by audit().
  explicit Auditor(AuditOptions options);
  ~Auditor();
  Auditor(Auditor&&) noexcept;
  Auditor& operator=(Auditor&&) noexcept;
  Auditor(const Auditor&) = delete;
  Auditor& operator=(const Auditor&) = delete;

  /// Audits the targets. Returns false and fills `error` when the audit could not start
  /// (a target that does not exist, a rule pack that does not load); bad files inside a
  /// target become diagnostics in `result` instead.
  bool audit(AuditResult& result, AuditError& error) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Reads one model card (front matter and body) as a scan of it alone would: its license with
/// clauses, base models, gating, MOF evidence the card itself gives. nullopt only when the text
/// cannot be read at all; problems in it go to `diagnostics` when given. Never throws.
OPENLOCK_API std::optional<Model> parse_model_card(std::string_view text, std::vector<Diagnostic>* diagnostics = nullptr);

/// The three lock-in axes of a set of findings (docs/lockin.md), e.g. findings of several scans
/// merged by the caller. Pure function; never throws.
OPENLOCK_API Lockin lockin_score(const std::vector<Finding>& findings);

}  // namespace openlock
