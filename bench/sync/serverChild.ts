// The runner's side of serverProcess.ts: the server forked, asked for its usage, closed.
import { forkChild } from './child';
import type { FromServer, ServerUsage, ToServer } from './serverProcess';

export interface ServerChild {
  url: string;
  adminKey: string;
  usage(): Promise<ServerUsage>;
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
    async usage() {
      const answer = child.next('usage');
      child.send({ type: 'usage' });
      return (await answer).usage;
    },
    async close(waitMs) {
      child.send({ type: 'close' });
      await Promise.race([child.exited, new Promise((resolve) => setTimeout(resolve, waitMs))]);
      child.kill();
    },
  };
}
