import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../src/main/platform/staticServer';

describe('serveStatic', () => {
  const root = mkdtempSync(join(tmpdir(), 'carnet-static-'));
  let server: StaticServer;
  beforeAll(async () => {
    mkdirSync(join(root, 'site', 'assets'), { recursive: true });
    writeFileSync(join(root, 'site', 'index.html'), '<p>home</p>');
    writeFileSync(join(root, 'site', 'assets', 'app.js'), 'export {};');
    writeFileSync(join(root, 'secret.txt'), 'not served');
    server = await serveStatic({ root: join(root, 'site'), port: 0, headers: { 'X-Test': 'yes' }, pages: { '/__blank': '<title>blank</title>' } });
  });
  afterAll(() => server.close());

  it('serves the folder with its headers and types, / as index.html', async () => {
    const home = await fetch(`${server.origin}/`);
    expect(await home.text()).toBe('<p>home</p>');
    expect(home.headers.get('x-test')).toBe('yes');
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = await fetch(`${server.origin}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('names the port it was given, or the free one it took', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.origin).not.toMatch(/:0$/);
  });

  it('answers the pages it is given, and nothing outside the folder', async () => {
    expect(await (await fetch(`${server.origin}/__blank`)).text()).toBe('<title>blank</title>');
    expect((await fetch(`${server.origin}/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.origin}/%2e%2e/secret.txt`)).status).toBe(404);
    expect((await fetch(`${server.origin}/assets`)).status).toBe(404);
  });
});
