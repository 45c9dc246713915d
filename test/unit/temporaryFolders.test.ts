// Main's temporary folders (an export's photos, a dropped file's copy) never outlive a
// failure. Each test points TMPDIR at a folder of its own and looks at what is left in it.
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/handlers';
import { defaultJournalOptions } from '../../src/shared/journal/options';
import { sampleRecords } from './journal/craftBackup';
import { createBrowserPlatform } from '../../src/main/platform/browser';

const savedTmpdir = process.env['TMPDIR'];
let temporary: string;
let handlers: ReturnType<typeof createHandlers>;

beforeEach(async () => {
  const outside = await mkdtemp(join(tmpdir(), 'carnet-outside-'));
  handlers = createHandlers(createBrowserPlatform('fr-FR', { showSaveDialog: async () => join(outside, 'journal.html') }));
  temporary = await mkdtemp(join(tmpdir(), 'carnet-tmpdir-'));
  process.env['TMPDIR'] = temporary;
});
afterEach(() => {
  if (savedTmpdir === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = savedTmpdir;
});

describe('temporary folders', () => {
  it('an export whose records make no journal leaves none', async () => {
    // Past the IPC gate's schemas, as a future bug in them would let through.
    const records = sampleRecords();
    records.expedition.timeZone = 'Mars/Olympus_Mons';
    await expect(handlers.exportBegin({ records, options: defaultJournalOptions(records, 'fr'), format: 'html', suggestedName: 'journal' })).rejects.toThrow(
      RangeError,
    );
    expect(await readdir(temporary)).toEqual([]);
  });

  it.each(['.', '..', '', 'a/..', '/'])('a dropped file named %j leaves none, read or not', async (name) => {
    const refused = await handlers.planDroppedFile({ name, bytes: new Uint8Array([0, 1, 2, 0]), timeZone: 'Europe/Paris' });
    expect(refused.ok).toBe(false);
    expect(await readdir(temporary)).toEqual([]);
    // Read (an empty calendar): its copy stays while the import is open, and goes with it.
    const planned = await handlers.planDroppedFile({ name, bytes: new TextEncoder().encode('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'), timeZone: 'Europe/Paris' });
    if (!planned.ok) throw new Error(planned.error.message);
    expect(await readdir(temporary)).toHaveLength(1);
    await handlers.closeImport({ importId: planned.value.importId });
    expect(await readdir(temporary)).toEqual([]);
  });
});
