// The sync server an organiser starts from the app: reachable at the address it gives,
// with an admin key that registers the expedition; one per app; a busy port said so.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startInAppServer, stopInAppServer } from '../../../src/main/sync/inApp';
import { registerExpedition } from '../../../src/renderer/sync/register';
import { NodeWebSocket, scratchFolder } from './helpers';

afterEach(stopInAppServer);

describe('the sync server started from the app', () => {
  it('answers at its address with a key that shares an expedition, once per app', async () => {
    const logs: string[] = [];
    const started = await startInAppServer(scratchFolder(), (line) => logs.push(line), { port: 0, host: '127.0.0.1' });
    expect(started).toMatchObject({ ok: true, value: { url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/), adminKey: expect.any(String) } });
    if (!started.ok) return;
    // Asked again (the dialog opened twice): the same server.
    expect(await startInAppServer(scratchFolder(), () => undefined, { port: 0, host: '127.0.0.1' })).toEqual(started);
    const registered = await registerExpedition(
      { url: started.value.url, adminKey: started.value.adminKey, expeditionId: 'exp-lan', name: 'Olga' },
      { WebSocketPolyfill: NodeWebSocket },
    );
    expect(registered).toMatchObject({ ok: true, config: { url: started.value.url, role: 'organiser' } });
  }, 30_000);

  it('says when its port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      expect(await startInAppServer(scratchFolder(), () => undefined, { port, host: '127.0.0.1' })).toEqual({
        ok: false,
        error: { code: 'portBusy', message: `Port ${port} is already in use on this computer.`, detail: { port } },
      });
    } finally {
      blocker.close();
    }
  });
});
