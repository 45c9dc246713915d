// `carnet serve` as an organiser runs it: the built CLI in its own process, stopped with
// Ctrl+C, and killed with SIGKILL while clients write — every update it acknowledged
// must be there when it starts again.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createExpedition, freshView, open, scratchFolder, socketTo, synced, type Client } from './helpers';

const CLI = resolve(__dirname, '../../../out/main/cli.js');

interface Serve {
  child: ChildProcess;
  stdout: string[];
  exited: Promise<{ code: number | null; stderr: string }>;
  /** Resolves with the port once the server says it listens. */
  listening: Promise<number>;
}

function serve(...args: string[]): Serve {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((done) => child.on('exit', (code) => done({ code, stderr })));
  const listening = new Promise<number>((done, fail) => {
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        stdout.push(line);
        const port = /listening on ws:\/\/127\.0\.0\.1:(\d+),/.exec(line)?.[1];
        if (port) done(Number(port));
      }
    });
    void exited.then(({ stderr }) => fail(new Error(`carnet serve exited: ${stderr}`)));
  });
  listening.catch(() => undefined); // awaited only by the tests of a server that starts
  return { child, stdout, exited, listening };
}

async function stopped(server: Serve, signal: NodeJS.Signals): Promise<number | null> {
  server.child.kill(signal);
  return (await server.exited).code;
}

describe.skipIf(!existsSync(CLI))('carnet serve', () => {
  it('prints the admin key at its first start only, and stops cleanly on Ctrl+C and SIGTERM', async () => {
    const data = join(scratchFolder(), 'server');
    const first = serve('--port', '0', '--data', data);
    const port = await first.listening;
    expect(first.stdout).toHaveLength(2);
    expect(first.stdout[0]).toMatch(/^Admin key \(shown once, stored only hashed; the organiser's app needs it to share an expedition\): [A-Za-z0-9_-]{43}$/);
    expect(first.stdout[1]).toBe(`Carnet sync server listening on ws://127.0.0.1:${port}, data in ${data}`);
    expect(await stopped(first, 'SIGINT')).toBe(0);

    const second = serve('--port', '0', '--data', data);
    await second.listening;
    expect(second.stdout).toEqual([expect.stringMatching(/^Carnet sync server listening on /)]);
    expect(readdirSync(data).sort()).toEqual(['admin-key.sha256', 'documents']);
    expect(await stopped(second, 'SIGTERM')).toBe(0);
  });

  it('says in one line why it cannot start', async () => {
    const busy = serve('--port', '0', '--data', join(scratchFolder(), 'server'));
    const port = await busy.listening;
    const other = scratchFolder();
    writeFileSync(join(other, 'notes.txt'), 'not a server');
    const keyless = scratchFolder();
    mkdirSync(join(keyless, 'documents'));
    const cases: [string[], string][] = [
      [['--port', String(port), '--data', join(scratchFolder(), 'server')], `carnet: port ${port} is already in use on 127.0.0.1\n`],
      [['--port', '0', '--data', other], `carnet: ${other} holds files of something else: choose an empty folder for the server's data\n`],
      [['--port', '0', '--data', keyless], `carnet: ${join(keyless, 'admin-key.sha256')} is missing: start with --new-admin-key to make a new one\n`],
      [['--port', '70000', '--data', other], 'carnet: --port must be a port number, 0 to 65535\n'],
      [['--data', other], 'carnet: --port must be a port number, 0 to 65535\n'],
      [['--port', '0'], 'carnet: --data must name the folder where the server keeps its documents\n'],
    ];
    for (const [args, message] of cases) expect(await serve(...args).exited).toEqual({ code: 2, stderr: message });
    expect(await stopped(busy, 'SIGTERM')).toBe(0);
  });

  it('loses no acknowledged update when killed with SIGKILL mid-stream, and clients catch up', async () => {
    const data = join(scratchFolder(), 'server');
    let server = serve('--port', '0', '--data', data);
    const port = await server.listening;
    const url = `ws://127.0.0.1:${port}`;
    const adminKey = /: ([A-Za-z0-9_-]{43})$/.exec(server.stdout[0] ?? '')?.[1];
    const { id, tokens } = await createExpedition({ url, adminKey });

    // Writers on several documents and sockets, each appending numbered items and waiting
    // for the server's acknowledgement before the next: `acked` is what it was told.
    const aliceSocket = socketTo(url);
    const bobSocket = socketTo(url);
    const writers = [
      { name: 'alice-n1', client: open(aliceSocket, `carnet/${id}/note/alice/n1`, tokens.alice) },
      { name: 'alice-n2', client: open(aliceSocket, `carnet/${id}/note/alice/n2`, tokens.alice) },
      { name: 'alice-group', client: open(aliceSocket, `carnet/${id}/group/l1`, tokens.alice) },
      { name: 'bob-group', client: open(bobSocket, `carnet/${id}/group/l1`, tokens.bob) },
      { name: 'bob-n1', client: open(bobSocket, `carnet/${id}/note/bob/n1`, tokens.bob) },
    ].map((writer) => ({ ...writer, written: 0, acked: 0 }));
    await Promise.all(writers.map(({ client }) => synced(client)));
    let writing = true;
    const streams = writers.map(async (writer) => {
      for (;;) {
        while (!writing) await sleep(10);
        writer.client.doc.getArray<number>(writer.name).push([++writer.written]);
        await acknowledged(writer.client);
        writer.acked = writer.written;
      }
    });
    void Promise.all(streams);

    const items = (doc: Y.Doc, name: string): number[] => doc.getArray<number>(name).toArray();
    for (let round = 0; round < 3; round++) {
      // Writing, a pause long enough for the server to compact its journals, writing again.
      await sleep(500);
      writing = false;
      await sleep(2_300);
      writing = true;
      await sleep(200 + Math.random() * 800);
      const ackedAtKill = writers.map((writer) => writer.acked);
      server.child.kill('SIGKILL');
      expect((await server.exited).stderr).toBe('');
      // The clients stay away until the server's state has been checked.
      aliceSocket.disconnect();
      bobSocket.disconnect();
      expect(readdirSync(join(data, 'documents')).some((file) => file.endsWith('.ydoc'))).toBe(true);

      server = serve('--port', String(port), '--data', data);
      await server.listening;
      for (const [i, writer] of writers.entries()) {
        const saved = await freshView({ url }, writer.client.provider.configuration.name, tokens.organiser, (doc) => items(doc, writer.name));
        expect(saved.length, `${writer.name} after kill ${round + 1}`).toBeGreaterThanOrEqual(ackedAtKill[i] ?? 0);
        expect(saved, writer.name).toEqual(Array.from({ length: saved.length }, (_, n) => n + 1));
      }
      await Promise.all([aliceSocket.connect(), bobSocket.connect()]);
    }

    // Back online, every client sends what the server missed: all of it is there.
    writing = false;
    await Promise.all(writers.map(({ client }) => acknowledged(client)));
    for (const writer of writers) {
      expect(await freshView({ url }, writer.client.provider.configuration.name, tokens.bob, (doc) => items(doc, writer.name))).toHaveLength(writer.written);
    }
    expect(writers.every((writer) => writer.acked > 10)).toBe(true);
    expect(await stopped(server, 'SIGTERM')).toBe(0);
    expect((await server.exited).stderr).toBe('');
  }, 90_000);
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Until the provider counts no update the server has not acknowledged. */
function acknowledged(client: Client): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (client.provider.isSynced && client.provider.unsyncedChanges === 0) {
        client.provider.off('unsyncedChanges', check);
        client.provider.off('synced', check);
        resolve();
      }
    };
    client.provider.on('unsyncedChanges', check);
    client.provider.on('synced', check);
    check();
  });
}
