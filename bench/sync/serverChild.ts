// The runner's side of serverProcess.ts: forks it with its own heap and GC exposed, and
// asks it for its usage.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FromServer, ServerUsage, ToServer } from './serverProcess';

export interface ServerChild {
  url: string;
  adminKey: string;
  pid: number;
  usage(): Promise<ServerUsage>;
  /** Closes the server (its documents stored) and waits for the process to end. */
  close(): Promise<{ logLines: number; firstLogs: string[] }>;
  /** Ends the process at once (a run that failed). */
  kill(): void;
}

export async function forkServer(dataDir: string): Promise<ServerChild> {
  const child: ChildProcess = fork(join(__dirname, 'serverProcess.ts'), [dataDir], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: FromServer['type']): Promise<FromServer> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: FromServer): void => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null): void => {
        child.off('message', onMessage);
        reject(new Error(`the server process ended (code ${code}) before answering ${type}`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ask = (message: ToServer): void => void child.send(message);
  const ready = await next('ready');
  if (ready.type !== 'ready') throw new Error('unreachable');
  return {
    url: `ws://127.0.0.1:${ready.port}`,
    adminKey: ready.adminKey,
    pid: child.pid ?? 0,
    async usage() {
      const answer = next('usage');
      ask({ type: 'usage' });
      const message = await answer;
      if (message.type !== 'usage') throw new Error('unreachable');
      return message.usage;
    },
    async close() {
      if (child.exitCode !== null) return { logLines: 0, firstLogs: ['the server process had already ended'] };
      const answer = next('closed');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      ask({ type: 'close' });
      const message = await answer;
      await exited;
      if (message.type !== 'closed') throw new Error('unreachable');
      return { logLines: message.logLines, firstLogs: message.firstLogs };
    },
    kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
