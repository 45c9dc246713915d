// The sync server alone in a process of its own (forked by serverChild.ts), so that the
// memory and CPU time it reports are the server's and not the simulated clients'.
// Argument: the data folder. Messages: 'usage' (answers its memory after a full GC and
// its CPU time so far) and 'close'.
import { startSyncServer } from '../../src/main/sync/server';
import { toParent } from './child';

export interface ServerUsage {
  /** Resident set size after a full GC, bytes. */
  rss: number;
  heapUsed: number;
  heapTotal: number;
  /** Memory of C++ objects bound to JS ones (ws's buffers among them). */
  external: number;
  arrayBuffers: number;
  /** The largest resident set so far, bytes. */
  maxRss: number;
  /** CPU time so far, µs. */
  cpuUser: number;
  cpuSystem: number;
  /** Lines the server logged so far (refusals, closed sockets…), and the first of them. */
  logLines: number;
  firstLogs: string[];
}

export type ToServer = { type: 'usage' } | { type: 'close' };
export type FromServer = { type: 'ready'; port: number; adminKey: string } | { type: 'usage'; usage: ServerUsage };

const send = (message: FromServer): void => void toParent(message);

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir || !process.send) throw new Error('usage: forked with the data folder as argument');
  // Every refusal or closed socket is a line: counted, and the first ones kept, so that a
  // run that went wrong says how.
  let logLines = 0;
  const firstLogs: string[] = [];
  const server = await startSyncServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    log: (line) => {
      logLines++;
      if (firstLogs.length < 20) firstLogs.push(line);
    },
  });
  if (!server.adminKey) throw new Error('the data folder must be new (no admin key was created)');
  process.on('message', (message: ToServer) => {
    if (message.type === 'usage') {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      gc?.();
      const memory = process.memoryUsage();
      const resources = process.resourceUsage();
      send({
        type: 'usage',
        usage: {
          rss: memory.rss,
          heapUsed: memory.heapUsed,
          heapTotal: memory.heapTotal,
          external: memory.external,
          arrayBuffers: memory.arrayBuffers,
          maxRss: resources.maxRSS * 1024,
          cpuUser: resources.userCPUTime,
          cpuSystem: resources.systemCPUTime,
          logLines,
          firstLogs,
        },
      });
    } else if (message.type === 'close') {
      void server.close().then(() => process.exit(0));
    }
  });
  // The runner gone (killed, or failed before closing it), the server goes too; a normal
  // exit lets --cpu-prof write its profile.
  process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
  send({ type: 'ready', port: server.port, adminKey: server.adminKey });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
