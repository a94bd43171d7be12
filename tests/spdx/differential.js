// Differential test: openlock's SPDX expression parser against the reference implementation
// (npm spdx-expression-parse). Usage: node differential.js OPENLOCK_BIN NPM_PREFIX
// Prints the agreement figure; exits 1 on any disagreement, 77 when the reference is absent.
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');
const [bin, prefix] = process.argv.slice(2);
let parse;
try {
  parse = require(path.resolve(prefix, 'node_modules', 'spdx-expression-parse'));
} catch (e) {
  console.log('SKIP: spdx-expression-parse not installed under ' + prefix);
  process.exit(77);
}

// Ids on both license lists (well-known, stable), exceptions, refs; and ids that are not SPDX.
const ids = ['MIT', 'Apache-2.0', 'GPL-2.0-only', 'GPL-3.0-or-later', 'LGPL-2.1-only', 'BSD-3-Clause', 'BSD-2-Clause',
  'MPL-2.0', 'ISC', '0BSD', 'CC-BY-4.0', 'CC-BY-NC-4.0', 'CC0-1.0', 'Unlicense', 'AGPL-3.0-only', 'EPL-2.0', 'Zlib',
  'BSL-1.0', 'Artistic-2.0', 'OFL-1.1', 'GPL-2.0', 'LGPL-3.0+'];
const exceptions = ['Classpath-exception-2.0', 'LLVM-exception', 'GCC-exception-3.1', 'Autoconf-exception-3.0'];
const refs = ['LicenseRef-llama3.1', 'LicenseRef-acme-1', 'DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2'];
const bogus = ['Not-A-License', 'MIT-ish', 'Apache2'];

// A small deterministic generator (no Math.random: the run must be repeatable).
let seed = 12345;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const pick = (a) => a[rnd(a.length)];
function simple(allowBogus) {
  const r = rnd(20);
  if (r < 2) return pick(refs);
  if (allowBogus && r === 2) return pick(bogus);
  let s = pick(ids);
  if (r === 3 && !s.endsWith('+') && !s.includes('-only') && !s.includes('-or-later')) s += '+';
  if (r === 4) s += ' WITH ' + pick(exceptions);
  return s;
}
function expr(depth, allowBogus) {
  if (depth === 0 || rnd(3) === 0) return simple(allowBogus);
  const op = pick(['AND', 'OR']);
  const l = expr(depth - 1, allowBogus), r = expr(depth - 1, allowBogus);
  const s = l + ' ' + op + ' ' + r;
  return rnd(2) ? '(' + s + ')' : s;
}

const cases = [
  'MIT', 'MIT OR Apache-2.0', '(MIT OR Apache-2.0) AND BSD-3-Clause', 'MIT AND (ISC OR 0BSD)',
  'GPL-2.0-or-later WITH Classpath-exception-2.0', 'LicenseRef-x', 'DocumentRef-a:LicenseRef-b', 'MIT+',
  '((MIT))', 'MIT OR', 'AND MIT', '(MIT', 'MIT)', 'MIT WITH', 'MIT WITH Not-An-Exception', '', '()', 'MIT MIT',
  'MIT OR AND ISC', 'Not-A-License', 'LicenseRef-', 'MIT WITH Classpath-exception-2.0 WITH LLVM-exception',
];
for (let i = 0; i < 200; ++i) cases.push(expr(3, false));
for (let i = 0; i < 80; ++i) cases.push(expr(2, true));

function refLicenses(ast, out = []) {
  if (ast.license) out.push(ast.license + (ast.plus ? '+' : ''));
  else if (ast.left) { refLicenses(ast.left, out); refLicenses(ast.right, out); }
  return out;
}
function ours(e) {
  let out;
  try {
    out = execFileSync(bin, ['license', e, '--format', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    out = err.stdout;  // exit 1 for invalid expressions still prints the JSON
  }
  // An empty expression is a usage error (exit 2, no report): it is not valid.
  return out ? JSON.parse(out) : { valid_spdx: false, expression: '' };
}
function refParse(e) { try { return parse(e); } catch (err) { return null; } }

let agree = 0;
const differ = [];
for (const e of cases) {
  const mine = ours(e), ref = refParse(e);
  let same = mine.valid_spdx === (ref !== null);
  if (same && ref) {
    // Same licenses, and our normalised form means the same to the reference.
    const again = refParse(mine.expression);
    const a = JSON.stringify(refLicenses(ref)), b = again && JSON.stringify(refLicenses(again));
    same = again !== null && a === b;
  }
  if (same) ++agree; else differ.push(e);
}
// Case-insensitive ids: openlock accepts and normalises them (SPDX matches ids case-insensitively);
// the reference accepts the normalised form.
let caseAgree = 0;
const lowered = cases.filter((e) => refParse(e) !== null).slice(0, 60).map((e) => e.replace(/[A-Za-z0-9.+-]+/g,
  (w) => (['AND', 'OR', 'WITH'].includes(w) ? w : w.toLowerCase())));
for (const e of lowered) {
  const mine = ours(e);
  if (mine.valid_spdx && refParse(mine.expression) !== null) ++caseAgree; else differ.push('(lower case) ' + e);
}
console.log(`SPDX differential vs spdx-expression-parse: ${agree}/${cases.length} expressions agree; ` +
            `${caseAgree}/${lowered.length} lower-case forms normalise to expressions the reference accepts`);
for (const d of differ.slice(0, 20)) console.log('  differs: ' + JSON.stringify(d));
process.exit(differ.length ? 1 : 0);
