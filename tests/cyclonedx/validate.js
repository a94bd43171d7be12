// Validates openlock's CycloneDX output against the CycloneDX 1.6 JSON schema that the npm package
// @cyclonedx/cyclonedx-library ships (with the SPDX and JSF schemas it references), using ajv.
// Usage: node validate.js OPENLOCK SOURCE_DIR NPM_PREFIX  — exits 77 (skip) when the packages are absent.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const [openlock, source, prefix] = process.argv.slice(2);
const modules = path.resolve(prefix, "node_modules");
const schemas = path.join(modules, "@cyclonedx", "cyclonedx-library", "res", "schema");
let Ajv, addFormats;
try {
  Ajv = require(path.join(modules, "ajv"));
  Ajv = Ajv.default || Ajv;
  addFormats = require(path.join(modules, "ajv-formats"));
  addFormats = addFormats.default || addFormats;
  fs.accessSync(path.join(schemas, "bom-1.6.SNAPSHOT.schema.json"));
} catch (e) {
  console.log("SKIP: needs @cyclonedx/cyclonedx-library, ajv and ajv-formats in " + modules + " (.ci/run installs them)");
  process.exit(77);
}
const load = (name) => JSON.parse(fs.readFileSync(path.join(schemas, name), "utf8"));
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
addFormats(ajv);
ajv.addFormat("iri-reference", true);  // formats ajv-formats lacks: accepted, as the schema's own tools do
ajv.addFormat("idn-email", true);
// The package ships the referenced schemas under SNAPSHOT names; register them under the ids the
// BOM schema uses (with and without SNAPSHOT, whichever it refers to).
for (const [file, id] of [["spdx.SNAPSHOT.schema.json", "spdx"], ["jsf-0.82.SNAPSHOT.schema.json", "jsf-0.82"]]) {
  const schema = load(file);
  delete schema.$id;
  for (const name of [id + ".schema.json", id + ".SNAPSHOT.schema.json"])
    ajv.addSchema(schema, "http://cyclonedx.org/schema/" + name);
}
const validate = ajv.compile(load("bom-1.6.SNAPSHOT.schema.json"));

let failed = 0;
for (const target of [path.join(source, "examples", "demo-repo"), path.join(source, "tests", "rules", "fixtures")]) {
  let out;
  try {
    out = execFileSync(openlock, ["scan", target, "--format", "cyclonedx", "-q"], { encoding: "utf8", maxBuffer: 1 << 28 });
  } catch (e) {
    out = e.stdout;  // exit 1: findings; the BOM is still written
  }
  const bom = JSON.parse(out);
  if (!validate(bom)) {
    failed = 1;
    console.log("INVALID: " + target);
    for (const err of validate.errors.slice(0, 20)) console.log("  " + err.instancePath + " " + err.message);
  } else {
    const models = bom.components.filter((c) => c.type === "machine-learning-model").length;
    console.log("valid: " + target + " (" + bom.components.length + " components, " + models + " models)");
  }
}
// The validator must be able to fail: a component of a type the schema does not know.
if (validate({ bomFormat: "CycloneDX", specVersion: "1.6", components: [{ type: "weights", name: "x" }] })) {
  console.log("the schema accepted a component of type 'weights': the validator is not checking");
  failed = 1;
}
process.exit(failed);
