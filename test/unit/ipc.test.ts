import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/dispatch';
import { createHandlers, type Handlers } from '../../src/main/handlers';
import { contract, METHODS } from '../../src/shared/ipc';
import { createBrowserPlatform } from '../../src/main/platform/browser';

function setup(): { handlers: Handlers; opened: string[] } {
  const opened: string[] = [];
  const platform = createBrowserPlatform('fr-FR', {
    openExternal: async (url) => {
      opened.push(url);
    },
  });
  return { handlers: createHandlers(platform), opened };
}

describe('dispatch: the gate of every renderer message', () => {
  it('answers a known method', async () => {
    const { handlers } = setup();
    await expect(dispatch(handlers, 'appInfo', undefined)).resolves.toEqual({
      ok: true,
      value: { version: '0.0.0-test', systemLocale: 'fr-FR', platform: process.platform },
    });
  });

  it('refuses unknown methods, including prototype names', async () => {
    const { handlers } = setup();
    for (const name of ['deleteEverything', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await dispatch(handlers, name, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknownChannel' } });
    }
  });

  it('refuses payloads of the wrong shape with a readable message', async () => {
    const { handlers, opened } = setup();
    const bad = [undefined, null, 'https://example.org', { url: 42 }, { url: 'https://a.b', extra: true }, { url: 'x'.repeat(5000) }];
    for (const payload of bad) {
      const result = await dispatch(handlers, 'openExternal', payload);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('badPayload');
        expect(result.error.message).toMatch(/Invalid request for openExternal/);
      }
    }
    expect(opened).toEqual([]);
  });

  it('opens only http(s) and mailto links', async () => {
    const { handlers, opened } = setup();
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>',
      'vbscript:x',
      'ms-settings:',
      'http://',
      ' JAVASCRIPT:alert(1)',
    ]) {
      await expect(dispatch(handlers, 'openExternal', { url })).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbiddenUrl' },
      });
    }
    for (const url of ['https://example.org/a?b=c', 'http://example.org', 'mailto:someone@example.org']) {
      await expect(dispatch(handlers, 'openExternal', { url })).resolves.toEqual({ ok: true, value: null });
    }
    expect(opened).toEqual(['https://example.org/a?b=c', 'http://example.org/', 'mailto:someone@example.org']);
  });

  it('turns a failing handler into an error result, never a throw', async () => {
    const { handlers } = setup();
    const broken: Handlers = { ...handlers, appInfo: async () => Promise.reject(new Error('disk on fire')) };
    const result = await dispatch(broken, 'appInfo', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('disk on fire');
  });

  it('gives every method a unique carnet: channel', () => {
    const channels = METHODS.map((method) => contract[method].channel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^carnet:[a-z-]+$/);
  });
});

describe('the sync server the pages may reach', () => {
  it('keeps a ws/wss address, says when the policy changed, and refuses anything else', async () => {
    const { handlers } = setup();
    await expect(dispatch(handlers, 'setSyncServer', { url: 'ws://127.0.0.1:4455' })).resolves.toEqual({ ok: true, value: { reload: true } });
    await expect(dispatch(handlers, 'setSyncServer', { url: 'ws://127.0.0.1:4455' })).resolves.toEqual({ ok: true, value: { reload: false } });
    const refused = await dispatch(handlers, 'setSyncServer', { url: 'https://evil.example' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'badPayload' } });
    await expect(dispatch(handlers, 'setSyncServer', { url: null })).resolves.toEqual({ ok: true, value: { reload: true } });
  });
});
