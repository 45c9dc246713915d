// npm run web: the built renderer in a real Chromium window, wired to the real main-side
// handlers by the browser host — the way to see Carnet where Electron cannot run. Under a
// display-less machine, wrap it: xvfb-run -a npm run web. The profile persists in
// ~/.carnet-web so the notes are there next time.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { launchCarnet } from '../src/main/platform/browser';

const profileDir = join(homedir(), '.carnet-web');
mkdirSync(profileDir, { recursive: true });
void launchCarnet({ profileDir, locale: Intl.DateTimeFormat().resolvedOptions().locale, headed: true }).then((session) => {
  console.log(`Carnet is open in Chromium (profile ${profileDir}). Close the window to stop.`);
  session.context.on('close', () => process.exit(0));
});
