// The outcome of an audit: findings, diagnostics, models and lock-in scores.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openlock/export.hpp"

namespace openlock {

/// How serious a finding is; ordered from least to most severe.
enum class Severity : std::uint8_t { info, low, medium, high, critical };

/// Lower-case name of a severity ("info" ... "critical").
OPENLOCK_API std::string_view to_string(Severity s);
/// Parses a severity name (case-insensitive); nullopt when it is not one.
OPENLOCK_API std::optional<Severity> parse_severity(std::string_view name);

/// A place in a scanned file. Paths are relative to the scanned target, '/'-separated.
struct Location {
  std::string path;       ///< file path relative to the target
  std::uint32_t line = 0;    ///< 1-based line, 0 when unknown
  std::uint32_t column = 0;  ///< 1-based column, 0 when unknown
};

/// One rule match with the evidence a reviewer can check.
struct Finding {
  std::string rule_id;      ///< id of the rule that matched, e.g. "lockin.hardware.cuda-wheels"
  std::string title;        ///< the rule's one-line title
  std::string category;     ///< openness | license | lockin.hardware | lockin.model_provider | lockin.cloud | hygiene
  Severity severity = Severity::info;  ///< severity of the rule
  std::string vendor;       ///< vendor the finding points at, empty when none
  std::string message;      ///< explanation with evidence filled in
  std::string remediation;  ///< what to do about it, may be empty
  Location location;        ///< where the evidence is
  std::string evidence;     ///< the matched text
  std::string confidence;   ///< high | medium | low
  std::string context;      ///< product | test | docs | example | build | deploy
  std::string fingerprint;  ///< stable id: rule, path and evidence (not the line)
  bool mitigates = false;   ///< a counter-signal that lowers a lock-in axis
};

/// A problem with an input file (malformed, unreadable, skipped) that did not stop the scan.
struct Diagnostic {
  Location location;    ///< file (and line when known) the problem is in
  std::string message;  ///< what went wrong, in one sentence
  std::string level = "warning";  ///< "warning" or "error"
};

/// A license clause found in a license text (MAU cap, acceptable use, ...).
struct LicenseClause {
  std::string kind;      ///< fixed vocabulary: mau_cap, acceptable_use, ... (see docs/report-json.md)
  std::string evidence;  ///< the text that carries the clause
  Location location;     ///< where that text is
  std::string detail;    ///< mau_cap: the user count; acceptable_use: "by_reference"; else empty
};

/// What a declared deployment (config `deployment`) means for one license clause (docs/policy.md).
struct PolicyDecision {
  std::string decision;  ///< allow | require | deny
  std::string clause;    ///< the clause's kind, e.g. "mau_cap"
  std::string reason;    ///< one sentence: why, and what the deployment must do
  std::string evidence;  ///< the clause's text
  Location location;     ///< where that text is
};

/// A license text identified in a file.
struct IdentifiedLicense {
  std::string id;          ///< SPDX id or LicenseRef-
  double confidence = 0;   ///< similarity of the text to the known license, 0..1
  std::string path;        ///< file it was found in
  std::string name;        ///< the known license's title
  std::string status;      ///< identified | modified (a modified variant is never the original)
  std::string role;        ///< license | use_policy | notice: what the file is for
};

/// What a model's license is and what it allows.
struct LicenseInfo {
  std::string expression;       ///< SPDX expression or LicenseRef (or the raw card id when unmapped)
  std::string declared;         ///< the value as written in the card, e.g. "llama3.1" or "other"
  bool valid_spdx = false;      ///< expression uses only SPDX ids
  bool osi_approved = false;    ///< every license in the expression is OSI-approved
  std::string kind = "unknown"; ///< osi | open-weight | rail | non-commercial | proprietary | unknown
  std::string name;             ///< license_name from the card, if any
  std::string link;             ///< license_link from the card, if any
  std::vector<IdentifiedLicense> identified;  ///< license files beside the card
  std::vector<LicenseClause> clauses;         ///< clauses that restrict use
};

/// Base model lineage entry.
struct BaseModel {
  std::string id;        ///< hub id of the base model
  std::string relation;  ///< finetune | adapter | quantized | merge | "" when not declared
};

/// Why a MOF component counts as published: the file, link or part of the card that shows it.
struct ComponentEvidence {
  std::string name;      ///< MOF component, e.g. "Training code"
  std::string status;    ///< open | not_open | unlicensed | absent
  std::string license;   ///< the license that applies to it
  std::string source;    ///< file | link | section | front_matter | card ("" when absent)
  std::string evidence;  ///< the file path, URL line or heading
  Location location;     ///< where that evidence is
};

/// Openness of a model (Model Openness Framework).
struct Openness {
  int score = 0;                ///< 0..100 (docs/openness.md)
  std::string model_class = "none";  ///< "I", "II", "III" or "none"
  std::map<std::string, std::string> components;  ///< MOF component -> status
  std::vector<ComponentEvidence> evidence;        ///< all 17 components in MOF order
  double progress_class3 = 0, progress_class2 = 0, progress_class1 = 0;  ///< percent, as the MOT computes
  bool open_washing = false;    ///< an "open source" claim the evidence does not support
  bool evaluated = false;       ///< false until the openness evaluation has run
};

/// A model found in the target (a model card).
/// One metric of a card's `model-index` evaluation results.
struct EvalResult {
  std::string task;     ///< e.g. "text-generation"
  std::string dataset;  ///< the dataset's id or name, e.g. "gsm8k"
  std::string metric;   ///< e.g. "accuracy"
  std::string value;    ///< as written, e.g. "61.2"
  Location location;
};

struct Model {
  std::string path;               ///< the card's path
  std::string name;               ///< model name (card `model_name`, first heading, or folder)
  std::string task;               ///< the card's `pipeline_tag`, e.g. "text-generation"
  std::vector<std::string> datasets;  ///< the card's `datasets`
  std::vector<EvalResult> evaluations;  ///< the card's `model-index` metrics
  std::vector<BaseModel> base_model;  ///< declared base models
  bool gated = false;             ///< access is gated on the hub
  LicenseInfo license;            ///< the card's license
  Openness openness;              ///< openness evaluation
  std::vector<PolicyDecision> policy;  ///< the license clauses judged against the config's deployment, deny first; empty without one
};

/// A finding as evidence for a lock-in axis.
struct LockinEvidence {
  std::string rule_id;
  std::string vendor;
  std::string evidence;  ///< the matched text
  Location location;
  std::string context;   ///< product | build | deploy | test | docs | example
};

/// One lock-in axis (hardware, model_provider or cloud).
struct LockinAxis {
  int score = 0;                  ///< 0..100, within the level's band (docs/lockin.md)
  std::string level = "none";     ///< none | low | medium | high, from the rubric
  std::vector<std::string> vendors;  ///< vendors the evidence points at, sorted
  std::string rationale;          ///< the rubric clause that set the level, with the counts behind it
  std::vector<LockinEvidence> strongest;        ///< up to 5 findings that weigh most
  std::vector<LockinEvidence> counter_signals;  ///< up to 5 counter-signals that lowered it
  std::string exit_path;          ///< what a team would change to leave, with counts; empty at none
};

/// Lock-in of the whole target on three axes.
struct Lockin {
  LockinAxis hardware;        ///< single accelerator vendor
  LockinAxis model_provider;  ///< closed-model API vendor
  LockinAxis cloud;           ///< one cloud's services
};

/// A dependency declared in a manifest, or a container image a Dockerfile or deploy file uses.
struct Dependency {
  std::string ecosystem;  ///< pypi | npm | go | docker | ... (as the parser names it)
  std::string name;       ///< normalised name (PyPI names lower case with '-', images without tag)
  std::string version;    ///< the exact version or image tag when pinned, else empty
  std::string spec;       ///< the requirement as written (">=2,<3"), empty when none
  std::string scope;      ///< prod | dev | optional | build | peer | group | ... ("" when not said)
  std::string purl;       ///< package URL (pkg:pypi/torch@2.3.0, pkg:docker/nvidia/cuda?tag=12.4)
  Location location;      ///< where it is declared
};

/// What a rule says about itself (from its YAML file).
struct RuleInfo {
  std::string id;           ///< e.g. "lockin.hardware.cuda-wheels"
  std::string title;        ///< one-line summary
  std::string category;     ///< openness | license | lockin.hardware | ...
  std::string vendor;       ///< may be empty
  Severity severity = Severity::info;
  std::string effect;       ///< finding | mitigates
  std::string within;       ///< file | repo
  std::string message;      ///< message template
  std::string remediation;  ///< remediation template
  std::vector<std::string> references;
  std::string origin;       ///< "rules/<pack>/<id>.yaml" for built-ins, a path for --rules
  std::vector<std::string> include_paths;  ///< `paths.include` globs (empty: every path)
  std::vector<std::string> exclude_paths;  ///< `paths.exclude` globs
  std::vector<std::string> contexts;       ///< `context` filter (empty: every context)
  std::string source;       ///< the rule file's YAML text, conditions included
};

/// A fixture line that shows what a rule matches (or, with `matches == false`, what it does not).
struct RuleExample {
  std::string path;   ///< fixture file, relative to the rule's fixture folder
  unsigned line = 0;  ///< 1-based line the annotation is about
  std::string text;   ///< that line
  bool matches = true;  ///< annotated `expect:` (true) or `ok:` (false)
};

/// Everything an audit found. Deterministic: findings and diagnostics are sorted.
struct AuditResult {
  std::vector<std::string> targets;   ///< targets as given
  std::uint64_t files_scanned = 0;    ///< files that were read and classified
  std::map<std::string, std::uint64_t> files_by_kind;  ///< model_card, license_text, manifest, deploy, source, other
  std::uint64_t baseline_suppressed = 0;  ///< findings left out because the baseline has them
  std::vector<Finding> suppressed;    ///< findings silenced by an inline openlock:ignore, sorted
  std::uint64_t outside_diff = 0;     ///< findings left out by diff mode (not on a changed line)
  std::optional<Severity> config_fail_on;  ///< fail_on from the config file, for callers without their own
  std::vector<Model> models;          ///< model cards found
  std::vector<Dependency> dependencies;  ///< declared dependencies and images, sorted by purl, path, line
  Lockin lockin;                      ///< lock-in scores
  std::vector<Finding> findings;      ///< sorted by path, line, column, rule
  std::vector<Diagnostic> diagnostics;  ///< sorted by path, line
  std::vector<RuleInfo> rules;        ///< every rule the audit ran, sorted by id (for SARIF's rule table)

  /// Number of findings at or above a severity.
  [[nodiscard]] OPENLOCK_API std::size_t count_at_least(Severity s) const;
};

}  // namespace openlock
