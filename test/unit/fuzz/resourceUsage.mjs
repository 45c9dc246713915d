// Preloaded (node --import) into each CLI run of the fuzzer: when the process exits, writes
// what it used to the file CARNET_USAGE_FILE names — its peak resident memory and the CPU
// time of all its threads (the import worker's included), which the machine's other load
// barely changes, unlike the wall-clock time.
import { readFileSync, writeFileSync } from 'node:fs';

/** The peak resident memory of this program, in KB. Linux's VmHWM starts again at exec;
 *  getrusage's maxRSS does not, and counts a large parent's pages at fork (a CLI started
 *  by a test process of 500 MB reports 500 MB). */
function peakRssKb() {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
  } catch {
    return process.resourceUsage().maxRSS;
  }
}

process.on('exit', () => {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  writeFileSync(process.env.CARNET_USAGE_FILE, JSON.stringify({ maxRssKb: peakRssKb(), cpuMs: (userCPUTime + systemCPUTime) / 1000 }));
});
