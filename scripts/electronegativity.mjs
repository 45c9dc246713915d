// Runs @doyensec/electronegativity over src/ for the Electron version we ship and fails
// on any HIGH or MEDIUM finding that security/electronegativity-allowlist.json does not
// justify. Its network look-ups (Electron releases, translations) may fail offline.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const report = join(mkdtempSync(join(tmpdir(), 'carnet-egy-')), 'report.csv');
const bin = join('node_modules', '.bin', 'electronegativity');
const run = spawnSync(bin, ['-i', 'src', '-e', electronVersion, '-r', '-v', 'false', '-o', report], { encoding: 'utf8' });
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  console.error('electronegativity: the scan itself failed');
  process.exit(1);
}

let rows;
try {
  rows = Papa.parse(readFileSync(report, 'utf8').trim(), { header: true, transformHeader: (h) => h.trim() }).data;
} catch {
  console.error('electronegativity: no report was written');
  process.exit(1);
}
const { accepted } = JSON.parse(readFileSync('security/electronegativity-allowlist.json', 'utf8'));
const isAccepted = (row) => accepted.some((entry) => entry.check === row.issue && entry.file === row.filename);
const serious = rows.filter((row) => row.severity === 'HIGH' || row.severity === 'MEDIUM');
const unjustified = serious.filter((row) => !isAccepted(row));
console.log(
  `electronegativity ${electronVersion}: ${rows.length} findings, ${serious.length} HIGH/MEDIUM, ${serious.length - unjustified.length} justified in the allowlist`,
);
for (const row of unjustified) console.error(`  ${row.severity} ${row.issue} ${row.filename}:${row.location} — ${row.sample}`);
process.exit(unjustified.length === 0 ? 0 : 1);
