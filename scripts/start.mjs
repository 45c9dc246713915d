// npm start: build, then open Carnet in Electron. Electron fetches its binary on first
// launch; where that is impossible (no access to its download host), say so in one line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let binary = electronBinary();
if (!binary) {
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  binary = install.status === 0 ? electronBinary() : null;
}
if (!binary) {
  console.error(
    "carnet: Electron's binary could not be downloaded on this machine, so the app cannot open here; " +
      "the tests run without it (npm test), and 'npm run web' shows the renderer in Chromium.",
  );
  process.exit(1);
}
const run = spawnSync(binary, ['.'], { stdio: 'inherit' });
process.exit(run.status ?? 0);
