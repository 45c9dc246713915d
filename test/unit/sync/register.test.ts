// Sharing an expedition for the first time, against the real server: the organiser's app
// registers it with the admin key, then connects with the token it made for itself.
import { describe, expect, it } from 'vitest';
import { listParticipants } from '../../../src/shared/sync/access';
import { registerExpedition } from '../../../src/renderer/sync/register';
import { freshView, NodeWebSocket, startServer } from './helpers';
const options = { WebSocketPolyfill: NodeWebSocket };

describe('registering a shared expedition', () => {
  it('lists the organiser with a token of their own, kept by the server', async () => {
    const server = await startServer(undefined, true);
    const result = await registerExpedition({ url: server.url, adminKey: server.adminKey ?? '', expeditionId: 'exp-clermont', name: 'Olga' }, options);
    expect(result).toMatchObject({ ok: true, config: { url: server.url, expeditionId: 'exp-clermont', role: 'organiser', name: 'Olga' } });
    if (!result.ok) return;
    // The organiser's own token now opens the access document, which lists them.
    const listed = await freshView(server, 'carnet/exp-clermont/access', result.config.token, listParticipants);
    expect(listed).toMatchObject([{ id: result.config.participantId, name: 'Olga', role: 'organiser', revoked: false }]);
    expect(JSON.stringify(listed)).not.toContain(result.config.token);

    // Once registered, the admin key no longer opens it.
    const again = await registerExpedition({ url: server.url, adminKey: server.adminKey ?? '', expeditionId: 'exp-clermont', name: 'Mallory' }, options);
    expect(again).toEqual({ ok: false, reason: 'access-exists' });
  }, 30_000);

  it('says why it could not: a wrong admin key, a server that does not answer', async () => {
    const server = await startServer(undefined, true);
    expect(await registerExpedition({ url: server.url, adminKey: 'not-the-key', expeditionId: 'exp', name: 'Olga' }, options)).toEqual({
      ok: false,
      reason: 'unknown-token',
    });
    await server.close();
    expect(await registerExpedition({ url: server.url, adminKey: server.adminKey ?? '', expeditionId: 'exp', name: 'Olga' }, options)).toEqual({
      ok: false,
      reason: 'unreachable',
    });
  }, 30_000);
});
