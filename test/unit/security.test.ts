import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, isTrustedOrigin, withPolicyMeta, resolveAppPath, secureWebPreferences } from '../../src/main/security';
import { parseSyncOrigin } from '../../src/shared/sync/invitation';

describe('Electron window configuration', () => {
  it('turns on every protection of the security checklist', () => {
    const prefs = secureWebPreferences('/app/preload/index.cjs');
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has a strict content security policy', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('app:// origin and files', () => {
  it('trusts only the app origin (and the dev server when given)', () => {
    expect(isTrustedOrigin('app://carnet/index.html')).toBe(true);
    expect(isTrustedOrigin('app://other/index.html')).toBe(false);
    expect(isTrustedOrigin('file:///etc/passwd')).toBe(false);
    expect(isTrustedOrigin('https://evil.example/')).toBe(false);
    expect(isTrustedOrigin('not a url')).toBe(false);
    expect(isTrustedOrigin('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('serves files inside the renderer folder only', () => {
    const root = '/opt/carnet/renderer';
    expect(resolveAppPath(root, 'app://carnet/')).toBe('/opt/carnet/renderer/index.html');
    expect(resolveAppPath(root, 'app://carnet/assets/a.js')).toBe('/opt/carnet/renderer/assets/a.js');
    for (const hostile of [
      'app://carnet/../../etc/passwd',
      'app://carnet/%2e%2e/%2e%2e/etc/passwd',
      'app://carnet/..%2f..%2fetc%2fpasswd',
      'app://carnet/assets/..%5c..%5c..%5cetc',
    ]) {
      const file = resolveAppPath(root, hostile);
      if (file !== null) expect(file.startsWith(`${root}/`)).toBe(true);
    }
    expect(resolveAppPath(root, 'app://carnet/a%00.js')).toBeNull();
    expect(resolveAppPath(root, 'app://carnet/%E0%A4%A')).toBeNull();
    expect(resolveAppPath(root, 'app://elsewhere/index.html')).toBeNull();
  });
});

describe('the sync server in the policy', () => {
  it('lets the renderer reach exactly the configured sync server, and nothing else', () => {
    expect(parseSyncOrigin('ws://127.0.0.1:4455')).toBe('ws://127.0.0.1:4455');
    expect(parseSyncOrigin('wss://sync.exemple.fr')).toBe('wss://sync.exemple.fr');
    expect(parseSyncOrigin('wss://sync.exemple.fr/')).toBe('wss://sync.exemple.fr');
    for (const refused of [
      'http://x.fr',
      'https://x.fr',
      'javascript:alert(1)',
      'ws://user:pw@x.fr',
      'ws://x.fr/path',
      'ws://x.fr/?q',
      "ws://x.fr;script-src 'unsafe-inline'",
      'ws://x.fr *',
      'file:///etc',
      '',
      'ws://',
    ]) {
      expect(parseSyncOrigin(refused), refused).toBeNull();
    }
    const policy = contentSecurityPolicy('wss://sync.exemple.fr');
    expect(policy).toContain("connect-src 'self' wss://sync.exemple.fr;");
    expect(policy.replace("connect-src 'self' wss://sync.exemple.fr", "connect-src 'self'")).toBe(CONTENT_SECURITY_POLICY);
  });

  it('gives the page’s <meta> the same policy as the header', () => {
    const html = '<head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; connect-src \'self\'" /></head>';
    const policy = contentSecurityPolicy('ws://127.0.0.1:4455');
    expect(withPolicyMeta(html, policy)).toContain(`content="${policy.replace("; frame-ancestors 'none'", '')}"`);
  });
});
