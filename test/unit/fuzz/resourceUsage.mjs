// Preloaded (node --import) into each CLI run of the fuzzer: when the process exits, writes
// what it used to the file CARNET_USAGE_FILE names — its peak resident memory and the CPU
// time of all its threads (the import worker's included), which the machine's other load
// barely changes, unlike the wall-clock time.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  writeFileSync(process.env.CARNET_USAGE_FILE, JSON.stringify({ maxRssKb: maxRSS, cpuMs: (userCPUTime + systemCPUTime) / 1000 }));
});
