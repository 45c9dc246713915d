// The sync server the organiser starts from the app ("Démarrer un serveur sur cet
// ordinateur"): the same server as `carnet serve`, on port 4455 of every interface, its
// data in the app's data folder, running while the app runs. The participants on the
// same network reach it at this computer's address.
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fail, type Result } from '../../shared/result';
import { startSyncServer, type SyncServer } from './server';

export const IN_APP_PORT = 4455;

export interface InAppServer {
  /** Where participants on this network reach it (ws://<this computer's address>:4455). */
  url: string;
  /** A new admin key at each start: the app registers the expedition with it at once. */
  adminKey: string;
}

let running: { server: SyncServer; answer: InAppServer } | null = null;

/** `where`: tests listen on loopback only, on any free port. */
export async function startInAppServer(
  dataDir: string,
  log: (line: string) => void,
  where: { port: number; host: string } = { port: IN_APP_PORT, host: '0.0.0.0' },
): Promise<Result<InAppServer>> {
  if (running) return { ok: true, value: running.answer };
  const { port, host } = where;
  let server: SyncServer;
  try {
    server = await startSyncServer({ port, host, dataDir: join(dataDir, 'sync-server'), newAdminKey: true, log });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return fail('portBusy', `Port ${port} is already in use on this computer.`, { port });
    throw error;
  }
  const answer = { url: `ws://${host === '0.0.0.0' ? lanAddress() : host}:${server.port}`, adminKey: server.adminKey ?? '' };
  running = { server, answer };
  return { ok: true, value: answer };
}

export async function stopInAppServer(): Promise<void> {
  const stopping = running;
  running = null;
  await stopping?.server.close();
}

/** This computer's first IPv4 address on a network, or loopback when it has none. */
export function lanAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return '127.0.0.1';
}
