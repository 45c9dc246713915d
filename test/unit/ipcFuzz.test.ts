// Every IPC method fed random payloads: only Result objects come back, never a throw, and
// nothing reaches the file system or the system browser that should not.
// (Dialogs are part of the platform; whatever path the user picks is the only one written.)
import fc from 'fast-check';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/dispatch';
import { createHandlers } from '../../src/main/handlers';
import { METHODS } from '../../src/shared/ipc';
import { isAllowedUrl } from '../../src/shared/urls';
import { createBrowserPlatform } from '../../src/main/platform/browser';

describe('IPC fuzzing', () => {
  it('answers any method name and payload with a Result, and opens only allowed URLs', async () => {
    const opened: string[] = [];
    const written = mkdtempSync(join(tmpdir(), 'carnet-fuzz-'));
    const handlers = createHandlers(
      createBrowserPlatform('fr-FR', {
        openExternal: async (url) => {
          opened.push(url);
        },
        // The user "chose" one file to save to; nothing else may be written anywhere.
        showOpenDialog: async () => [],
        showSaveDialog: async () => join(written, 'chosen.csv'),
      }),
    );
    const methodName = fc.oneof(fc.constantFrom(...METHODS), fc.string(), fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty'));
    const payload = fc.oneof(
      fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }),
      fc.record({ url: fc.oneof(fc.webUrl(), fc.string(), fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'data:,x')) }),
      fc.record({ suggestedName: fc.string(), content: fc.string(), extension: fc.string() }),
      fc.record({ locale: fc.string() }),
    );
    await fc.assert(
      fc.asyncProperty(methodName, payload, async (method, body) => {
        const result = await dispatch(handlers, method, body);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(typeof result.error.message).toBe('string');
      }),
      { numRuns: 400 },
    );
    expect(opened.every(isAllowedUrl)).toBe(true);
    // Only the chosen file, never a temporary one left behind.
    expect(readdirSync(written).filter((name) => name !== 'chosen.csv')).toEqual([]);
  });
});
