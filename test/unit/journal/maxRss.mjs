// Preloaded (node --import) into a CLI run by a test: writes the process's peak resident
// memory, in KB, to the file CARNET_MAX_RSS_FILE names when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => writeFileSync(process.env.CARNET_MAX_RSS_FILE, String(process.resourceUsage().maxRSS)));
