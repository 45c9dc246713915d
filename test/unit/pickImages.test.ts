import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/dispatch';
import { createHandlers } from '../../src/main/handlers';
import type { OpenDialogOptions } from '../../src/main/platform/types';
import { MAX_ATTACHMENT_BYTES } from '../../src/shared/images';
import { createBrowserPlatform } from '../../src/main/platform/browser';

const PNG_HEAD = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function setup(answer: string[]) {
  const asked: OpenDialogOptions[] = [];
  const platform = createBrowserPlatform('fr-FR', {
    showOpenDialog: async (options) => {
      asked.push(options);
      return answer;
    },
  });
  return { handlers: createHandlers(platform), asked };
}

const dir = mkdtempSync(join(tmpdir(), 'carnet-pick-'));

describe('pickImages: photos chosen in the system dialog', () => {
  it('offers images, several at once, and answers each file with its name and bytes', async () => {
    const a = join(dir, 'atelier.png');
    const b = join(dir, 'façade.jpg');
    writeFileSync(a, PNG_HEAD);
    writeFileSync(b, 'jpeg?');
    const { handlers, asked } = setup([a, b]);
    const result = await dispatch(handlers, 'pickImages', undefined);
    expect(asked[0]?.multiple).toBe(true);
    expect(asked[0]?.filters[0]?.extensions).toEqual(expect.arrayContaining(['jpg', 'jpeg', 'png', 'heic']));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const files = result.value as { name: string; bytes: Uint8Array }[];
    expect(files.map((f) => f.name)).toEqual(['atelier.png', 'façade.jpg']);
    expect(files[0]?.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(files[0]?.bytes ?? []).equals(Buffer.from(PNG_HEAD))).toBe(true);
  });

  it('answers an empty list when the dialog is cancelled', async () => {
    await expect(dispatch(setup([]).handlers, 'pickImages', undefined)).resolves.toEqual({ ok: true, value: [] });
  });

  it('refuses a file over 50 MB from its size alone, and returns none of the others', async () => {
    const small = join(dir, 'petite.png');
    writeFileSync(small, PNG_HEAD);
    const huge = join(dir, 'énorme.jpg');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_ATTACHMENT_BYTES + 1024 * 1024); // sparse: no disk used
    const result = await dispatch(setup([small, huge]).handlers, 'pickImages', undefined);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'fileTooLarge', detail: { name: 'énorme.jpg', size: 51, limit: 50 } },
    });
    if (!result.ok) expect(result.error.message).toMatch(/énorme\.jpg is too large \(51 MB; the limit is 50 MB\)/);
  });

  it('accepts a file of exactly 50 MB', async () => {
    const edge = join(dir, 'limite.jpg');
    writeFileSync(edge, '');
    truncateSync(edge, MAX_ATTACHMENT_BYTES);
    const result = await dispatch(setup([edge]).handlers, 'pickImages', undefined);
    expect(result.ok).toBe(true);
  });

  it('says which file cannot be read: a missing path or a folder', async () => {
    for (const path of [join(dir, 'disparue.jpg'), dir]) {
      const result = await dispatch(setup([path]).handlers, 'pickImages', undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'fileUnreadable' } });
    }
  });

  it('takes no payload', async () => {
    for (const payload of [{}, 'paths', ['/etc/passwd'], { paths: ['/etc/passwd'] }, null]) {
      const { handlers, asked } = setup(['/etc/passwd']);
      await expect(dispatch(handlers, 'pickImages', payload)).resolves.toMatchObject({ ok: false, error: { code: 'badPayload' } });
      expect(asked).toEqual([]);
    }
  });
});
