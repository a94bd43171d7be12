// The Auditor: discover -> parse -> facts -> rules -> scores, for each target.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <thread>
#include <tuple>

#include "core/baseline.hpp"
#include "core/config.hpp"
#include "core/deployment.hpp"
#include "core/policy.hpp"
#include "core/fact.hpp"
#include "discover/ignore.hpp"
#include "rules/glob.hpp"
#include "core/git_diff.hpp"
#include "core/suppressions.hpp"
#include "core/log.hpp"
#include "discover/discover.hpp"
#include "license/license_texts.hpp"
#include "license/manifest_license.hpp"
#include "openlock/auditor.hpp"
#include "parse/model_card.hpp"
#include "parse/parser.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "score/lockin.hpp"
#include "score/dependencies.hpp"
#include "score/lineage.hpp"
#include "score/models.hpp"
#include "score/openness.hpp"

namespace openlock {

namespace fs = std::filesystem;

struct Auditor::Impl {
  AuditOptions options;
};

Auditor::Auditor(AuditOptions options) : impl_(std::make_unique<Impl>(Impl{std::move(options)})) {}
Auditor::~Auditor() = default;
Auditor::Auditor(Auditor&&) noexcept = default;
Auditor& Auditor::operator=(Auditor&&) noexcept = default;

namespace {

constexpr std::size_t kKeptBuffer = std::size_t{4} << 20;  // a parsing thread's read buffer above this is freed after use

// Runs one parser under the limits: nesting cap, and a time budget the source lexers stop at;
// any parser that overruns it is reported too (its facts are kept: they are complete). Catches
// anything a parser lets escape (it should not).
void run_parser(const Parser& parser, std::string_view path, std::string_view text, ParseOutput& out,
                const AuditOptions& opt, const FactFilter* filter, const std::vector<KnownText>* licenses = nullptr) {
  using clock = std::chrono::steady_clock;
  ParseInput in{path, text, licenses, std::clamp(opt.max_nesting, 1, 256)};  // past 256 the stack is at risk
  in.filter = filter;
  const auto start = clock::now();
  if (opt.parse_budget_ms) in.deadline = start + std::chrono::milliseconds(opt.parse_budget_ms);
  std::size_t diagnostics_before = out.diagnostics.size();
  try {
    parser.parse(in, out);
  } catch (const std::exception& e) {
    out.diagnostics.push_back({{std::string(path), 0, 0}, std::string(parser.name) + " parser failed: " + e.what(), "error"});
  } catch (...) {
    out.diagnostics.push_back({{std::string(path), 0, 0}, std::string(parser.name) + " parser failed", "error"});
  }
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start).count();
  bool stopped = std::any_of(out.diagnostics.begin() + static_cast<std::ptrdiff_t>(diagnostics_before), out.diagnostics.end(),
                             [](const Diagnostic& d) { return d.message == over_budget_message(); });
  if (opt.parse_budget_ms && took > static_cast<long long>(opt.parse_budget_ms) && !stopped)
    out.diagnostics.push_back({{std::string(path), 0, 0}, std::string(parser.name) + " took " + std::to_string(took) +
                                                              " ms, over the per-file time budget of " +
                                                              std::to_string(opt.parse_budget_ms) + " ms (--parse-budget)"});
}

// A file that stands for a MOF component (weights, training code, ...) becomes a model_file
// fact whether or not a parser reads it; a few per folder and component are enough evidence.
void record_artefact(const DiscoveredFile& file, std::map<std::pair<std::string, std::string>, int>& seen,
                     std::vector<Fact>& facts) {
  auto component = artefact_component(file.rel_path);
  if (!component) return;
  if (seen[{std::string(folder_of(file.rel_path)), *component}]++ >= 3) return;
  std::uint64_t size = 0;  // the walk does not stat: only these few need a size
  if (!discovered_size(file, size)) return;  // gone since the walk
  Fact f{"model_file", {file.rel_path, 0, 0}, file.rel_path, {}};
  f.set("component", *component).set("size", std::to_string(size));
  facts.push_back(std::move(f));
}

// Moves everything of `from` to the end of `to`; an empty `to` takes `from`'s buffer unless it
// has a larger one reserved.
template <typename T>
void move_append(std::vector<T>& to, std::vector<T>&& from) {
  if (to.empty() && to.capacity() <= from.capacity()) {
    to = std::move(from);
    return;
  }
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

void move_append(Diagnostics& to, Diagnostics&& from) { to.append(std::move(from)); }

// read_text_file, its diagnostic (one at most) joining the file's capped ones.
bool read_text(const DiscoveredFile& file, std::uint64_t max_file_size, std::string& text, Diagnostics& diagnostics) {
  std::vector<Diagnostic> problems;
  bool read = read_text_file(file, max_file_size, text, problems);
  for (auto& d : problems) diagnostics.push_back(std::move(d));
  return read;
}

// Keeps the first `cap` findings of each rule in each file (findings are sorted by place, so a
// file's findings are one run); the rest become one diagnostic per rule and file. The scores were
// computed before, from all.
void cap_findings(AuditResult& result, std::size_t cap) {
  if (cap == 0) return;
  auto& findings = result.findings;
  std::vector<bool> kept(findings.size());
  for (std::size_t begin = 0, end; begin < findings.size(); begin = end) {
    std::map<std::string_view, std::size_t> per_rule;  // findings of each rule in this file
    for (end = begin; end < findings.size() && findings[end].location.path == findings[begin].location.path; ++end)
      kept[end] = ++per_rule[findings[end].rule_id] <= cap;
    for (const auto& [rule, n] : per_rule)
      if (n > cap)
        result.diagnostics.push_back({{findings[begin].location.path, 0, 0},
                                      std::to_string(n - cap) + " more findings of " + std::string(rule) +
                                          " in this file are not listed (cap " + std::to_string(cap) +
                                          " per rule and file; --max-findings N, 0 for all)",
                                      "warning"});
  }
  std::size_t out = 0;
  for (std::size_t i = 0; i < findings.size(); ++i)
    if (kept[i] && out++ != i) findings[out - 1] = std::move(findings[i]);
  findings.resize(out);
}

// The fact kinds the model stage reads, and those it adds.
const std::set<std::string, std::less<>>& model_kinds() {
  static const std::set<std::string, std::less<>> kinds = {
      "model", "license", "license_text", "license_clause", "license_prose", "heading", "link", "claim",
      "card_field", "eval_result", "gating", "model_file", "openness", "license_mismatch", "lineage_conflict"};
  return kinds;
}

// Most rules need nothing but one file's facts: they run as soon as the file is parsed, on the
// thread that parsed it, and the file's facts no later stage reads are dropped at once, so memory
// does not grow with the tree. The rest (`within: repo`, or reading what the model stage reads or
// writes) run once every file is in.
// As a FactFilter it tells parsers which facts matter at all: those of a kind a later stage reads,
// and those some leaf of a file rule matches; a source file's other calls, imports and string
// literals (most of them) are never built.
struct EarlyRules : FactFilter {
  static bool file_rule(const Rule& r) {
    auto kinds = fact_kinds(r);
    return r.scope == "file" && std::none_of(kinds.begin(), kinds.end(), [](const std::string& k) { return model_kinds().count(k) > 0; });
  }

  // Reorders `all` (file rules first) and views it: no copy of the rules.
  explicit EarlyRules(std::vector<Rule>& all)
      : split(static_cast<std::size_t>(std::stable_partition(all.begin(), all.end(), file_rule) - all.begin())),
        rules(all.data(), split),
        late(all.data() + split, all.size() - split),
        compiled(rules),
        keep(model_kinds()) {
    keep.insert({"dependency", "image", "suppression", "include"});
    for (const auto& r : late) keep.merge(fact_kinds(r));
  }

  std::size_t split;
  std::span<const Rule> rules, late;
  CompiledRules compiled;  // its globs compiled once (at the first file), for every file
  std::set<std::string, std::less<>> keep;  // kinds the model stage, the late rules and the report read

  bool wants(const Fact& draft) const override { return keep.count(draft.kind) > 0 || compiled.matches_a_leaf(draft); }

  void run(std::vector<Fact>& facts, std::vector<Finding>& findings) const {
    if (facts.empty()) return;
    move_append(findings, compiled.evaluate(facts));
    std::erase_if(facts, [&](const Fact& f) { return !keep.count(f.kind); });
  }
};

// Reads and parses files with `jobs - 1` threads while the caller's thread walks the tree (the walk
// hands each file over as it finds it), then with the caller's too. Each file is parsed into its
// own output; finish() appends the outputs in path order, so the report does not depend on the
// number of threads.
class ParallelParse {
 public:
  // `early`: the file rules to run on each file, or null; `filter` is given to the parsers.
  ParallelParse(const AuditOptions& opt, const std::vector<KnownText>* licenses, const EarlyRules* early,
                const FactFilter* filter, const RuleIds& known_rules)
      : opt_(opt), licenses_(licenses), early_(early), filter_(filter), known_rules_(known_rules) {
    unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = std::min(jobs, 256u);  // the threads start before the files are counted: a sane bound instead
    // `jobs` threads in all: the caller walks, then parses beside the others (finish), so one
    // job is one thread and two jobs never keep more than two cores busy.
    for (unsigned t = 1; t < jobs; ++t) threads_.emplace_back([this] { work(); });
  }
  ~ParallelParse() {
    close();
    join();
  }

  void add(const DiscoveredFile& file, const Parser& parser) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::make_unique<Item>(Item{file, &parser, {}, {}}));
    }
    wake_.notify_one();
  }

  // Discovery is over (`files` found in all): waits for the parsers and appends their outputs in
  // path order. Returns false when opt.cancelled() asked to stop.
  bool finish(std::size_t files, ParseOutput& out, std::vector<Finding>& findings) {
    {
      std::lock_guard lock(mutex_);
      total_ = files;
      unparsed_ = files - items_.size();  // files no parser reads count as done at once
      report_progress();
    }
    close();
    work();  // the walk is over: this thread parses too
    join();
    if (cancelled_) return false;
    std::sort(items_.begin(), items_.end(), [](const auto& a, const auto& b) { return a->file.rel_path < b->file.rel_path; });
    std::size_t total = findings.size();
    for (const auto& item : items_) total += item->findings.size();
    findings.reserve(total);
    for (auto& item : items_) {
      move_append(out.facts, std::move(item->output.facts));
      move_append(out.diagnostics, std::move(item->output.diagnostics));
      move_append(findings, std::move(item->findings));
      item.reset();  // freed as we go: peak memory holds the findings about once
    }
    return true;
  }

 private:
  struct Item {
    DiscoveredFile file;
    const Parser* parser;
    ParseOutput output;
    std::vector<Finding> findings;
  };

  void work() {
    std::string text;  // one buffer per thread, reused: no fresh pages to fault in for every file
    for (;;) {
      Item* item = nullptr;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return next_ < items_.size() || closed_; });
        if (next_ == items_.size()) return;  // closed and nothing left
        item = items_[next_++].get();  // unique_ptr: the pointer stays valid as items_ grows
      }
      if (opt_.cancelled && opt_.cancelled()) {
        cancelled_ = true;
        return;
      }
      if (read_text(item->file, opt_.max_file_size, text, item->output.diagnostics)) {
        run_parser(*item->parser, item->file.rel_path, text, item->output, opt_, filter_, licenses_);
        find_suppressions(item->file.rel_path, text, known_rules_, item->output.facts, item->output.diagnostics);
        find_spdx_headers(item->file.rel_path, text, item->output.facts);
        if (early_) early_->run(item->output.facts, item->findings);
      }
      if (text.capacity() > kKeptBuffer) text = {};  // one huge file does not pin its memory
      std::lock_guard lock(mutex_);
      ++done_;
      report_progress();
    }
  }

  // Under mutex_. The total is known only once discovery is over; until then nothing is shown.
  void report_progress() const {
    if (opt_.progress && total_) opt_.progress(unparsed_ + done_, total_);
  }

  // No more files: the threads finish the queue and return.
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    wake_.notify_all();
  }

  void join() {
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

  const AuditOptions& opt_;
  const std::vector<KnownText>* licenses_;
  const EarlyRules* early_;
  const FactFilter* filter_;
  const RuleIds& known_rules_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::unique_ptr<Item>> items_;
  std::size_t next_ = 0, done_ = 0, total_ = 0, unparsed_ = 0;
  bool closed_ = false;
  std::atomic<bool> cancelled_{false};
  std::vector<std::thread> threads_;
};

// Parses the files a requirements file includes with -r/-c that discovery did not already give
// to a parser (e.g. `-r base.in`), staying inside the target.
void follow_includes(const fs::path& root, const AuditOptions& opt, const EarlyRules* early, const FactFilter* filter,
                     std::set<std::string>& parsed, ParseOutput& out, std::vector<Finding>& findings) {
  std::shared_ptr<const TargetRoot> target_root;  // opened at the first include
  for (std::size_t i = 0; i < out.facts.size(); ++i) {
    if (out.facts[i].kind != "include") continue;
    std::string rel(out.facts[i].get("path"));
    if (rel.empty() || !parsed.insert(rel).second) continue;
    // The path stays inside the target as written; a symlink must not lead it out, then or
    // later (the file is opened below the root with no symlink on the way).
    std::string why;
    if (!target_root) target_root = open_target_root(root.empty() ? fs::path(".") : root, why);  // "" for "file.txt"
    DiscoveredFile file;
    if (!target_root || !find_in_target(target_root, root, rel, file, why)) {
      bool out_of_target = why.find("outside") != std::string::npos;
      out.diagnostics.push_back({out.facts[i].location, "included file '" + rel + "' " +
                                                            (out_of_target ? "is a symlink out of the target; not followed"
                                                                           : "does not exist in the target")});
      continue;
    }
    std::string text;
    if (!read_text(file, opt.max_file_size, text, out.diagnostics)) continue;
    const Parser* requirements = nullptr;
    for (const auto& p : parsers())
      if (p.name == "requirements") requirements = &p;
    if (!requirements) continue;
    ParseOutput one;
    run_parser(*requirements, rel, text, one, opt, filter);
    if (early) early->run(one.facts, findings);
    // out.facts grows (the included file may include more); the index loop stays valid.
    move_append(out.facts, std::move(one.facts));
    move_append(out.diagnostics, std::move(one.diagnostics));
  }
}

// Logs how long each stage of a scan took (`openlock scan -v`): where a slow scan spends its time.
class StageClock {
 public:
  void lap(std::string_view stage) {
    auto now = std::chrono::steady_clock::now();
    log().debug("{}: {} ms", stage, std::chrono::duration_cast<std::chrono::milliseconds>(now - last_).count());
    last_ = now;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

std::string prefixed(const std::string& prefix, const std::string& path) {
  return prefix.empty() ? path : prefix + "/" + path;
}

// Diff mode: how the files that findings sit on changed since each target's revision (paths as
// the report gives them). Only those files are read again and compared.
bool changed_since(const std::vector<std::string>& targets, const std::vector<GitRevision>& revisions,
                   const std::vector<Finding>& findings, std::uint64_t max_file_size, ChangedLines& changed,
                   std::string& error) {
  const bool several = targets.size() > 1;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const std::string prefix = several ? targets[i] + "/" : std::string();
    std::set<std::string> paths;
    for (const auto& f : findings)
      if (f.location.path.starts_with(prefix)) paths.insert(f.location.path.substr(prefix.size()));
    ChangedLines one;
    if (!revisions[i].changed_lines({paths.begin(), paths.end()}, max_file_size, one, error)) return false;
    for (auto& [path, change] : one) changed[prefixed(several ? targets[i] : std::string(), path)] = std::move(change);
  }
  return true;
}

}  // namespace

bool Auditor::audit(AuditResult& result, AuditError& error) const {
  const AuditOptions& opt = impl_->options;
  StageClock clock;
  result = AuditResult{};
  result.targets = opt.targets.empty() ? std::vector<std::string>{"."} : opt.targets;

  std::vector<Rule> rules;
  std::vector<RuleError> rule_errors;
  if (opt.use_builtin_rules) load_builtin_rules(rules, rule_errors);
  for (const auto& dir : opt.rule_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      error.message = "rules directory '" + dir + "' does not exist";
      return false;
    }
    load_rule_dir(dir, rules, rule_errors);
  }
  // License texts a rule pack adds (licenses/texts/) join the built-in ones for this audit.
  std::vector<KnownText> pack_licenses;
  std::vector<std::string> license_errors;
  for (const auto& dir : opt.rule_dirs) load_license_pack(dir, pack_licenses, license_errors);
  std::optional<std::vector<KnownText>> licenses;
  if (!pack_licenses.empty()) {
    licenses = known_texts();
    for (auto& k : pack_licenses) {
      auto same_id = std::find_if(licenses->begin(), licenses->end(), [&](const KnownText& b) { return b.info.id == k.info.id; });
      // The built-in rules/ folder itself given as a pack (`rules test rules/`): the same entry again.
      bool copy = same_id != licenses->end() && same_id->info.name == k.info.name &&
                  same_id->info.expression == k.info.expression && same_id->info.kind == k.info.kind &&
                  same_id->fingerprint.required == k.fingerprint.required && same_id->fingerprint.optional == k.fingerprint.optional;
      if (copy) continue;
      if (same_id != licenses->end()) license_errors.push_back("license id '" + k.info.id + "' of a rules directory is a built-in id");
      licenses->push_back(std::move(k));
    }
  }
  for (const auto& e : rule_errors) license_errors.insert(license_errors.begin(), e.to_string());
  if (!license_errors.empty()) {
    std::sort(license_errors.begin(), license_errors.end());
    error.message = license_errors.front();
    for (std::size_t i = 1; i < license_errors.size(); ++i) error.message += "\n" + license_errors[i];
    return false;
  }

  // The config: explicit, else .openlock.yaml at the first target's root.
  Config config;
  std::string config_path = opt.config;
  if (!config_path.empty()) {
    if (!load_config(config_path, config, error.message)) return false;
  } else if (!result.targets.empty() && result.targets.front() != "-") {
    if (!load_target_config(result.targets.front(), config, config_path, error.message)) return false;
  }
  result.config_fail_on = config.fail_on;
  auto matches_any = [](const std::vector<std::string>& globs, const std::string& id) {
    return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return glob_match(g, id); });
  };
  // rules.enable picks among the packs; the policy rules this config generates always run.
  if (!config.enable.empty()) std::erase_if(rules, [&](const Rule& r) { return !matches_any(config.enable, r.id); });
  std::vector<RuleError> policy_errors;
  for (auto& r : policy_rules(config, config_path, policy_errors)) rules.push_back(std::move(r));
  if (!policy_errors.empty()) {
    error.message = policy_errors.front().to_string();
    return false;
  }
  std::erase_if(rules, [&](const Rule& r) { return matches_any(config.disable, r.id); });
  for (auto& r : rules)
    for (const auto& [glob, severity] : config.severity)
      if (glob_match(glob, r.id)) r.severity = severity;

  std::sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
  for (const auto& r : rules) result.rules.push_back(describe(r));
  RuleIds known_rules;  // what suppression markers may name
  for (const auto& r : rules) known_rules.insert(r.id);
  // One target: file rules run as each file is parsed (see EarlyRules). Several targets get their
  // paths prefixed after parsing, so all their rules run at the end. From here on, `rules` is in
  // EarlyRules' order, not by id.
  const EarlyRules early(rules);
  const EarlyRules* per_file = result.targets.size() == 1 ? &early : nullptr;
  std::vector<Finding> findings;

  clock.lap("load rules and config");
  std::set<std::string> baseline;
  if (!opt.baseline.empty() && !read_baseline(opt.baseline, baseline, error.message)) return false;
  // Diff mode: each target's revision, resolved before the scan so a bad one fails early.
  std::vector<GitRevision> revisions;
  if (!opt.diff_base.empty()) {
    for (const auto& target : result.targets) {
      if (target == "-") {
        error.message = "--diff-base cannot be used with '-' (stdin)";
        return false;
      }
      if (!revisions.emplace_back().open(target, opt.diff_base, error.message)) return false;
    }
  }

  for (const auto& target : result.targets) {
    std::error_code ec;
    if (target != "-" && !fs::exists(fs::symlink_status(target, ec))) {
      error.message = "cannot read target '" + target + "': no such file or directory";
      return false;
    }
  }

  // With several targets, paths carry the target as a prefix so they stay distinct.
  const bool several = result.targets.size() > 1;
  IgnoreRules excluded;  // config `exclude`, with gitignore semantics from the target root
  for (const auto& pattern : config.exclude) excluded.add_file("", pattern);
  std::vector<Fact> facts;
  for (const auto& target : result.targets) {
    ParseOutput out;
    if (target == "-" && opt.stdin_text.size() > opt.max_file_size) {  // the caps of a target file
      out.diagnostics.push_back({{"-", 0, 0}, "standard input is over the size cap of " + std::to_string(opt.max_file_size) +
                                                  " bytes; not read (raise with --max-file-size)"});
      ++result.files_scanned;
    } else if (target == "-" && looks_binary(opt.stdin_text)) {
      out.diagnostics.push_back({{"-", 0, 0}, "binary content on standard input, not a model card; skipped"});
      ++result.files_scanned;
    } else if (target == "-") {
      // One model card on stdin.
      ParseInput in{"-", opt.stdin_text};
      parse_model_card(in, out);
      ensure_model(out.facts, "-");  // what comes on stdin is a model card, front matter or not
      find_suppressions("-", opt.stdin_text, known_rules, out.facts, out.diagnostics);
      if (per_file) per_file->run(out.facts, findings);
      ++result.files_scanned;
      ++result.files_by_kind["model_card"];
    } else {
      std::vector<DiscoveredFile> files;
      std::set<std::string> parsed;
      ParallelParse parsing(opt, licenses ? &*licenses : nullptr, per_file, &early, known_rules);
      std::vector<Diagnostic> walk_problems;
      discover(target, files, walk_problems, [&](const DiscoveredFile& file) {
        const Parser* parser = parser_for(file.rel_path);
        if (!parser || excluded.ignored(file.rel_path, false)) return;
        parsed.insert(file.rel_path);
        parsing.add(file, *parser);
      });
      log().debug("{}: {} files", target, files.size());
      for (auto& d : walk_problems) out.diagnostics.push_back(std::move(d));
      clock.lap("discover");
      std::map<std::pair<std::string, std::string>, int> artefacts;  // (folder, component) -> files recorded
      for (const auto& file : files) {
        ++result.files_scanned;
        ++result.files_by_kind[std::string(classify(file.rel_path))];
        record_artefact(file, artefacts, out.facts);
      }
      if (!parsing.finish(files.size(), out, findings)) {
        error.message = "cancelled";
        return false;
      }
      std::error_code ec;
      fs::path root = fs::is_directory(target, ec) ? fs::path(target) : fs::path(target).parent_path();
      follow_includes(root, opt, per_file, &early, parsed, out, findings);
      clock.lap("parse and file rules");
    }
    std::string prefix = several ? target : std::string();
    for (auto& f : out.facts) f.location.path = prefixed(prefix, f.location.path);
    std::vector<Diagnostic> diagnostics = std::move(out.diagnostics).take();
    for (auto& d : diagnostics) d.location.path = prefixed(prefix, d.location.path);
    move_append(facts, std::move(out.facts));
    move_append(result.diagnostics, std::move(diagnostics));
  }

  // The model stage gets only the kinds it reads (cards, license texts, artefacts), a few percent
  // of a source tree's facts; it finds each model's through a path index (FactsByPath). What it
  // adds joins the rest before the rules run.
  auto tail = std::stable_partition(facts.begin(), facts.end(), [](const Fact& f) { return !model_kinds().count(f.kind); });
  std::vector<Fact> model_facts(std::make_move_iterator(tail), std::make_move_iterator(facts.end()));
  facts.erase(tail, facts.end());
  add_inferred_models(model_facts);
  resolve_card_licenses(model_facts);
  compare_declared_licenses(model_facts);
  result.models = collect_models(model_facts);
  apply_lineage(result.models, model_facts);
  {
    const FactsByPath index(model_facts);
    for (auto& model : result.models) evaluate_openness(model, index.under(folder_of(model.path)));
  }
  add_openness_facts(result.models, model_facts);
  move_append(facts, std::move(model_facts));
  clock.lap("models");
  result.dependencies = collect_dependencies(facts);
  auto late = CompiledRules(per_file ? per_file->late : std::span<const Rule>(rules)).evaluate(facts);
  // The file rules' findings come in path order (but for files a requirements file included);
  // merging keeps the order one sort of everything would give.
  // In place: its buffer is the size of the shorter list (the late rules' few), not a second copy.
  if (!std::is_sorted(findings.begin(), findings.end(), finding_before)) sort_findings(findings);
  const auto early_count = static_cast<std::ptrdiff_t>(findings.size());
  move_append(findings, std::move(late));
  std::inplace_merge(findings.begin(), findings.begin() + early_count, findings.end(), finding_before);
  result.findings = std::move(findings);
  clock.lap("rules");
  result.lockin = score_lockin(result.findings);  // scores see everything; the baseline only quiets the report
  // The open-washing rule's findings sit on the card's claim line; the model record says so too.
  std::set<std::string, std::less<>> washed;  // cards with an open-washing finding
  for (const auto& f : result.findings)
    if (f.rule_id.starts_with("openness.card.open-washing")) washed.insert(f.location.path);
  for (auto& model : result.models) model.openness.open_washing = washed.count(model.path) > 0;
  // The config's policy judges what the rules found (after the scores, which it must not move;
  // before the cap, suppressions and baseline, which apply to its findings too).
  if (config.deployment)
    for (auto& model : result.models) model.policy = decide(*config.deployment, model.license.clauses);
  add_policy_findings(config, config_path, rules, result.models, result.findings);
  settle_allowed_clauses(rules, result.models, result.findings);
  cap_findings(result, opt.max_findings_per_rule_file);
  apply_suppressions(result, facts);
  apply_baseline(result, baseline);
  if (!opt.diff_base.empty()) {
    ChangedLines changed;
    if (!changed_since(result.targets, revisions, result.findings, opt.max_file_size, changed, error.message)) return false;
    // A finding without a line (whole file) counts when its file changed at all.
    auto outside = [&](const Finding& f) {
      auto it = changed.find(f.location.path);
      return it == changed.end() || !it->second.covers(f.location.line);
    };
    auto kept = std::remove_if(result.findings.begin(), result.findings.end(), outside);
    result.outside_diff = static_cast<std::uint64_t>(result.findings.end() - kept);
    result.findings.erase(kept, result.findings.end());
  }
  clock.lap("scores, policy and filters");
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.path, a.location.line, a.location.column, a.message) <
           std::tie(b.location.path, b.location.line, b.location.column, b.message);
  });
  if (opt.on_finding)
    for (const auto& f : result.findings) opt.on_finding(f);
  if (opt.on_diagnostic)
    for (const auto& d : result.diagnostics) opt.on_diagnostic(d);
  return true;
}

std::optional<Model> parse_model_card(std::string_view text, std::vector<Diagnostic>* diagnostics) {
  try {
    AuditOptions options;
    options.targets = {"-"};
    options.stdin_text = std::string(text);
    options.jobs = 1;
    AuditResult result;
    AuditError error;
    if (!Auditor(std::move(options)).audit(result, error) || result.models.empty()) return std::nullopt;
    if (diagnostics) *diagnostics = result.diagnostics;
    return result.models.front();
  } catch (const std::exception&) {  // allocation failure: no model, never an exception
    return std::nullopt;
  }
}

Lockin lockin_score(const std::vector<Finding>& findings) { return score_lockin(findings); }

}  // namespace openlock
