// @vitest-environment jsdom
// The HTML journal read back by an HTML parser: whatever a crafted backup put in its
// records, the page has only the elements and attributes the journal writes.
import { describe, expect, it } from 'vitest';
import { buildJournal } from '../../../src/shared/journal/build';
import { renderJournalHtml } from '../../../src/shared/journal/html';
import { defaultJournalOptions } from '../../../src/shared/journal/options';
import type { ExportRecords } from '../../../src/shared/journal/records';
import { sampleRecords } from './craftBackup';

/** Renames a record everywhere the records name it (not inside note states). */
function renameId(records: ExportRecords, from: string, to: string): void {
  const walk = (value: unknown): unknown => {
    if (value === from) return to;
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) (value as Record<string, unknown>)[key] = walk(inner);
    }
    return value;
  };
  walk(records);
}

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

describe('HTML journal from hostile records', () => {
  it('escapes ids into anchors and links: no element or attribute of their own, every link still lands', () => {
    const records = sampleRecords();
    const hostile = {
      visit: `"><script>document.title='pwned'</script>`,
      note: `x" onmouseover="alert(1)`,
      lesson: `'><iframe src="file:///etc/passwd"></iframe><img src="file:///etc/passwd">`,
    };
    const michelin = records.visits.find((v) => v.organisation === 'Michelin')!;
    const note = records.notes.find((n) => n.visitId === michelin.id && n.lessonIds.length > 0)!;
    renameId(records, michelin.id, hostile.visit);
    renameId(records, note.id, hostile.note);
    renameId(records, note.lessonIds[0]!, hostile.lesson);

    const html = renderJournalHtml(buildJournal(records, defaultJournalOptions(records, 'fr')), { imageSrc: () => '', photos: 'inline' });
    const page = parse(html);
    expect(page.querySelectorAll('script, iframe, img, object, embed')).toHaveLength(0);
    expect(page.querySelectorAll('[onmouseover]')).toHaveLength(0);
    expect(page.getElementById(`visit-${hostile.visit}`)?.tagName).toBe('SECTION');
    expect(page.getElementById(`note-${hostile.note}`)?.tagName).toBe('ARTICLE');
    expect(page.getElementById(`lesson-${hostile.lesson}`)?.tagName).toBe('SECTION');
    const targets = [...page.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href')!.slice(1));
    expect(targets).toContain(`note-${hostile.note}`);
    for (const target of targets) expect(page.getElementById(target), target).not.toBeNull();
  });

  it('declares a Content-Security-Policy first in its head: no script, photos and fonts from the journal only', () => {
    const records = sampleRecords();
    const journal = buildJournal(records, defaultJournalOptions(records, 'fr'));
    const policy = (photos: 'inline' | 'files') => {
      const head = parse(renderJournalHtml(journal, { imageSrc: () => '', photos })).head;
      const meta = head.querySelector('meta[http-equiv="Content-Security-Policy"]');
      // Before anything it governs: only the charset may come first.
      expect(head.firstElementChild?.getAttribute('charset')).toBe('utf-8');
      expect(head.children[1]).toBe(meta);
      return meta?.getAttribute('content');
    };
    expect(policy('inline')).toBe("default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
    expect(policy('files')).toBe("default-src 'none'; img-src 'self'; font-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
  });
});
