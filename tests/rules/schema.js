// rules/schema/rule.schema.json against the rules and the loader: every shipped rule is valid,
// and each case below gets the same verdict from the schema (ajv) and from `openlock rules list`.
// Usage: node schema.js OPENLOCK SOURCE_DIR NPM_PREFIX  — exits 77 (skip) when ajv or yaml is absent.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [openlock, source, prefix] = process.argv.slice(2);
const modules = path.resolve(prefix, "node_modules");
let Ajv, YAML;
try {
  Ajv = require(path.join(modules, "ajv"));
  Ajv = Ajv.default || Ajv;
  YAML = require(path.join(modules, "yaml"));
} catch (e) {
  console.log("SKIP: needs ajv and yaml in " + modules + " (.ci/run installs them)");
  process.exit(77);
}
const schema = JSON.parse(fs.readFileSync(path.join(source, "rules", "schema", "rule.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
let failed = 0;
const fail = (message) => {
  console.log("FAIL " + message);
  failed++;
};

function ruleFiles(dir, skip = []) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !skip.includes(entry.name)) out.push(...ruleFiles(full, skip));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

const shipped = [
  ...ruleFiles(path.join(source, "rules"), ["licenses", "knowledge", "schema"]),
  ...ruleFiles(path.join(source, "examples", "policy", "rules")),
  ...ruleFiles(path.join(source, "tests", "rules", "packs"), ["licenses"]),
];
for (const file of shipped) {
  if (!validate(YAML.parse(fs.readFileSync(file, "utf8"))))
    fail(path.relative(source, file) + ": " + JSON.stringify(validate.errors));
}
if (shipped.length < 50) fail("only " + shipped.length + " rule files found under " + source);

const head = "id: case\ntitle: t\ncategory: hygiene\nseverity: low\nmessage: m\n";
const cases = [
  [true, "match: {dependency: {name: 'cupy-*'}}"],
  [true, "match: {image: {}}"],
  [true, "match:\n  gating:\n"],
  [true, "match: {license_clause: {kind: {equals: mau_cap}, detail: {ge: 1000000, lt: 1e9}}}"],
  [true, "match: {dependency: {name: {regex: '^nvidia-.*-cu1[0-9]$', exists: true}}}"],
  [true, "paths: {include: 'src/**', exclude: [tests/]}\ncontext: [product, deploy]\nmatch: {image: {}}"],
  [true, "within: repo\neffect: mitigates\nconfidence: low\nat: image\nmatch: {all: [{image: {}}, {not: {resource: {name: x}}}]}"],
  [false, "match: {image: {}}\nseverty: high"],
  [false, "match: {dependency: {name: {like: x}}}"],
  [false, "match: {dependency: {name: {gt: lots}}}"],
  [false, "match: {dependency: {name: {exists: maybe}}}"],
  [false, "match: {dependency: {name: []}}"],
  [false, "match: {any: []}"],
  [false, "match: {any: [{image: {}}], all: [{image: {}}]}"],
  [false, "match: {'dependency name': {}}"],
  [false, "context: tests\nmatch: {image: {}}"],
  [false, "paths: {only: a}\nmatch: {image: {}}"],
  [false, "within: everywhere\nmatch: {image: {}}"],
  [false, "severity: high\nmatch: {image: {}}".replace("severity: high", "references: https://x")],
];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openlock-schema-"));
for (const [valid, body] of cases) {
  const text = head + body + "\n";
  const bySchema = validate(YAML.parse(text));
  fs.rmSync(path.join(dir, "pack"), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "pack"));
  fs.writeFileSync(path.join(dir, "pack", "case.yaml"), text);
  const run = spawnSync(openlock, ["rules", "--rules", path.join(dir, "pack"), "list"], { encoding: "utf8" });
  const byLoader = run.status === 0;
  if (bySchema !== valid) fail("schema says " + (bySchema ? "valid" : "invalid") + " for:\n" + body);
  if (byLoader !== valid) fail("loader says " + (byLoader ? "valid" : "invalid") + " (exit " + run.status + ") for:\n" + body + "\n" + run.stderr);
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(shipped.length + " shipped rules and " + cases.length + " cases checked: " + failed + " failures");
process.exit(failed ? 1 : 0);
