// The runner's side of serverProcess.ts: the server forked, asked for its usage, closed.
import { readFileSync } from 'node:fs';
import { forkChild } from './child';
import type { FromServer, ServerUsage, ToServer } from './serverProcess';

export interface ServerChild {
  url: string;
  adminKey: string;
  /** Its memory after a full GC and more, or null when it did not answer within
   *  `waitMs` (a server too busy to read its IPC channel). */
  usage(waitMs: number): Promise<ServerUsage | null>;
  /** Its CPU time so far, ms, read from /proc without asking it (NaN where there is none). */
  cpuMs(): number;
  /** Closes the server (its documents stored), at most `waitMs`, then ends the process. */
  close(waitMs: number): Promise<void>;
}

export async function forkServer(dataDir: string): Promise<ServerChild> {
  const child = forkChild<ToServer, FromServer>('server', 'serverProcess.ts', [dataDir]);
  const ready = await child.next('ready').catch((error: unknown) => {
    child.kill();
    throw error;
  });
  return {
    url: `ws://127.0.0.1:${ready.port}`,
    adminKey: ready.adminKey,
    async usage(waitMs) {
      const answer = child.next('usage');
      child.send({ type: 'usage' });
      return Promise.race([answer.then(({ usage }) => usage), new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs))]);
    },
    cpuMs() {
      try {
        // Fields 14 and 15 of /proc/<pid>/stat, after the command's parenthesis: user and
        // system time in clock ticks (100 a second on Linux).
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return Number.NaN;
      }
    },
    async close(waitMs) {
      child.send({ type: 'close' });
      await Promise.race([child.exited, new Promise((resolve) => setTimeout(resolve, waitMs))]);
      child.kill();
    },
  };
}
