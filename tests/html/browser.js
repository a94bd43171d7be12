// Renders the demo repository's HTML report in headless Chromium (playwright-core from npm with
// Debian's /usr/bin/chromium), saves a screenshot next to the report, and checks with the page's
// own DOM that the gauges, the clause chips, the MOF grid and the findings rows are there, that
// the severity filter hides rows, and that the console stays free of errors.
// Usage: node browser.js OPENLOCK SOURCE_DIR NPM_PREFIX OUT_DIR  — exits 77 (skip) without them.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const [openlock, source, prefix, outDir] = process.argv.slice(2);
const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
let playwright;
try {
  playwright = require(path.resolve(prefix, "node_modules", "playwright-core"));
} catch (e) {}
if (!chromium || !playwright) {
  console.log("SKIP: needs Debian's chromium and npm playwright-core in " + prefix + " (.ci/run installs both)");
  process.exit(77);
}

fs.mkdirSync(outDir, { recursive: true });
const report = path.join(outDir, "demo-report.html");
try {
  execFileSync(openlock, ["scan", path.join(source, "examples", "demo-repo"), "--format", "html", "-o", report, "-q"]);
} catch (e) {
  if (e.status !== 1) throw e;  // 1: findings, the report is written
}

(async () => {
  const browser = await playwright.chromium.launch({ executablePath: chromium, args: ["--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith("file:")) errors.push("network request: " + r.url()); });
  await page.goto("file://" + path.resolve(report));
  const count = (sel) => page.locator(sel).count();
  const problems = [];
  const expect = (ok, what) => { if (!ok) problems.push(what); };
  expect((await count(".axis .gauge")) === 3, "three lock-in gauges");
  expect((await count(".clause")) >= 3, "clause chips for the demo model");
  expect((await count("table.mof tbody tr")) === 17, "a MOF grid of 17 components");
  const rows = await count("#findings tbody tr");
  expect(rows > 5, "findings rows (" + rows + ")");
  await page.selectOption("#f-severity", "high");
  const visible = await page.locator("#findings tbody tr:not([hidden])").count();
  const allHigh = await page.$$eval("#findings tbody tr:not([hidden])", (rs) => rs.every((r) => r.dataset.severity === "high"));
  expect(visible > 0 && visible < rows && allHigh, "the severity filter shows only high findings (" + visible + "/" + rows + ")");
  await page.selectOption("#f-severity", "");
  await page.fill("#f-path", "Dockerfile");
  const byPath = await page.$$eval("#findings tbody tr:not([hidden])", (rs) => rs.map((r) => r.dataset.path));
  expect(byPath.length > 0 && byPath.every((p) => p.includes("Dockerfile")), "the path filter");
  await page.fill("#f-path", "");
  await page.screenshot({ path: path.join(outDir, "demo-report.png"), fullPage: true });
  await browser.close();
  if (errors.length) problems.push("console errors: " + errors.join("; "));
  if (problems.length) {
    console.log("FAILED: " + problems.join("\n  "));
    process.exit(1);
  }
  console.log("ok: " + rows + " findings rows, screenshot " + path.join(outDir, "demo-report.png"));
})().catch((e) => { console.log("FAILED: " + e); process.exit(1); });
