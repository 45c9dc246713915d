// `carnet serve`: the sync server in a terminal, until Ctrl+C (SIGINT) or SIGTERM. Its log
// goes to stdout, one timestamped line per event; a start that fails is one error line.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataFolderError } from './dataFolder';
import { startSyncServer } from './server';

export async function serveCommand(args: string[]): Promise<{ ok: true } | { ok: false; error: string }> {
  const { values, positionals } = parseArgs({
    args,
    options: { port: { type: 'string' }, data: { type: 'string' }, host: { type: 'string' }, 'new-admin-key': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) return { ok: false, error: `serve takes no file, only options (see carnet serve --help)` };
  if (values.port === undefined || !/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535)
    return { ok: false, error: '--port must be a port number, 0 to 65535' };
  if (!values.data) return { ok: false, error: '--data must name the folder where the server keeps its documents' };
  const dataDir = resolve(values.data);
  const host = values.host ?? '127.0.0.1';
  const write = (line: string): void => void process.stdout.write(`${line}\n`);

  // Listened for before the server says it listens: a signal right after is not missed.
  const stop = new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  let server;
  try {
    server = await startSyncServer({
      port: Number(values.port),
      host,
      dataDir,
      newAdminKey: values['new-admin-key'],
      log: (line) => write(`${new Date().toISOString()} ${line}`),
    });
  } catch (error) {
    return { ok: false, error: startError(error, host, values.port) };
  }
  if (server.adminKey) write(`Admin key (shown once, stored only hashed; the organiser's app needs it to share an expedition): ${server.adminKey}`);
  write(`Carnet sync server listening on ws://${host.includes(':') ? `[${host}]` : host}:${server.port}, data in ${dataDir}`);

  await stop;
  await server.close();
  return { ok: true };
}

function startError(error: unknown, host: string, port: string): string {
  if (error instanceof DataFolderError) return error.message;
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return `port ${port} is already in use on ${host}`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `cannot listen on ${host}: not an address of this computer`;
    case 'EACCES':
      return `not allowed to listen on port ${port} (ports below 1024 need privileges)`;
    default:
      throw error;
  }
}
