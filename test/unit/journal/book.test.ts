// @vitest-environment jsdom
// Evidence that reads like a book (the personal journal too), and the expedition's book:
// its summary with each lesson's group synthesis and strongest quotes, their back
// references and every contributor, in HTML, Markdown and DOCX.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBackup } from '../../../src/main/backup';
import { ExportJob } from '../../../src/main/export/job';
import { blocksProse, buildJournal, passagesInContext, summarise } from '../../../src/shared/journal/build';
import { renderJournalHtml } from '../../../src/shared/journal/html';
import { renderJournalMarkdown } from '../../../src/shared/journal/markdown';
import { defaultJournalOptions, type JournalOptions } from '../../../src/shared/journal/options';
import { exportRecordsSchema, MAX_STATE_DEPTH, type ExportRecords } from '../../../src/shared/journal/records';
import type { Block } from '../../../src/shared/journal/richText';
import { NNBSP } from '../../../src/shared/text/typography';
import { GROUP_SYNTHESES, LESSON_IDS, threeParticipantRecords } from '../../fixtures/threeParticipants';
import { craftBackup, sampleRecords } from './craftBackup';

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');
/** Text as a reader sees it, French narrow spaces read as spaces. */
const text = (element: Element | null | undefined): string => (element?.textContent ?? '').replaceAll(NNBSP, ' ').replace(/\s+/g, ' ').trim();

function html(records: ExportRecords, options: Partial<JournalOptions> = {}): Document {
  return parse(renderJournalHtml(buildJournal(records, { ...defaultJournalOptions(records, 'fr'), ...options }), { imageSrc: () => '', photos: 'inline' }));
}

function markdown(records: ExportRecords, options: Partial<JournalOptions> = {}): Map<string, string> {
  const { files } = renderJournalMarkdown(buildJournal(records, { ...defaultJournalOptions(records, 'fr'), ...options }));
  return new Map(files.map((file) => [file.path, file.content]));
}

const BOOK: Partial<JournalOptions> = { structure: 'book' };
const SYNTHESIS_TEXTS = [
  'Chez Michelin, le temps donné aux salariés est une ressource partagée.',
  'L’université agit comme un acteur de son territoire.',
  'Industriels et start-ups se choisissent et s’engagent sur la durée.',
];

describe('evidence in a lesson chapter', () => {
  const page = html(sampleRecords());
  const lesson = (title: string) => [...page.querySelectorAll('section.lesson')].find((s) => text(s.querySelector('h1')) === title)!;
  const evidence = (title: string) => [...lesson(title).querySelectorAll('.evidence')];

  it('shows a whole note’s title apart from an excerpt of its body', () => {
    const michelin = evidence('Savoir valoriser ses ressources')[0]!;
    expect(text(michelin.querySelector('.summary-title'))).toBe('Les compétences des salariés au service de l’innovation');
    expect(text(michelin.querySelector('.summary'))).toMatch(/^Les salariés peuvent proposer des projets/);
    expect(text(lesson('Savoir valoriser ses ressources'))).not.toContain('l’innovation Les salariés');
  });

  it('groups the evidence by visit, each visit under a heading with its reference, not in the table of contents', () => {
    const chapter = lesson('Savoir valoriser ses ressources');
    const visits = [...chapter.querySelectorAll('section.lesson-visit')];
    expect(visits.map((v) => text(v.querySelector('h3')))).toEqual([
      'Michelin — pratiques d’innovation ouverte · 20 nov. 2024',
      'Village by CA — accélérateur de start-ups · 20 nov. 2024',
    ]);
    const heading = visits[0]!.querySelector('h3 a')!;
    expect(page.getElementById(heading.getAttribute('href')!.slice(1))?.classList.contains('visit')).toBe(true);
    // Every item of the lesson sits under its visit, and does not repeat it.
    expect(chapter.querySelectorAll('.evidence')).toHaveLength(visits.flatMap((v) => [...v.querySelectorAll('.evidence')]).length);
    expect(visits.map((v) => [...v.querySelectorAll('.evidence .reference')].map(text))).toEqual([
      ['Observation · 10:05', 'Citation · 10:40'],
      ['Observation · 15:10'],
    ]);
    expect(text(page.querySelector('nav.toc'))).not.toContain('20 nov. 2024');
    const md = [...markdown(sampleRecords()).entries()].find(([path]) => path.includes('savoir-valoriser'))![1];
    expect(md).toContain(
      '## Ce que les visites en ont montré\n\n### [Michelin — pratiques d’innovation ouverte · 20 nov. 2024](../visites/02-michelin-pratiques-d-innovation-ouverte/00-visite.md)\n\n**Les compétences',
    );
    expect(md).not.toContain('[Michelin, 20 nov. 2024]');
  });

  it('reads a whole note’s excerpt as prose: sentences, list items apart, no trailing tags', () => {
    const michelin = evidence('Savoir valoriser ses ressources')[0]!;
    expect(text(michelin.querySelector('.summary'))).toBe(
      'Les salariés peuvent proposer des projets et consacrer une partie de leur temps à les développer avec des start-ups du territoire. ' +
        'Points à creuser : comment les projets sont sélectionnés ; ce que deviennent les porteurs quand le projet s’arrête.',
    );
    const paragraph = (t: string): Block => ({ kind: 'paragraph', inlines: [{ kind: 'text', text: t }] });
    const list = (...items: string[]): Block => ({
      kind: 'list',
      style: 'bullet',
      items: items.map((t) => ({ inlines: [{ kind: 'text', text: t }], children: [] })),
    });
    expect(
      blocksProse([paragraph('Un atelier ouvert #innovation #rh'), paragraph('À retenir'), list('le temps', 'les start-ups'), paragraph('#fin')], 'fr'),
    ).toBe('Un atelier ouvert. À retenir : le temps ; les start-ups.');
    // A list after a sentence: its first item starts the next one.
    expect(blocksProse([paragraph('Un club des partenaires.'), list('en parler au comité', 'identifier trois start-ups')], 'fr')).toBe(
      'Un club des partenaires. En parler au comité ; identifier trois start-ups.',
    );
    expect(blocksProse([paragraph('Le #rh décide.'), paragraph('Ensuite')], 'en')).toBe('Le #rh décide. Ensuite');
    expect(summarise(Array.from({ length: 50 }, (_, i) => `m${i}`).join(' '))).toMatch(/ m39…$/);
    expect(summarise(`${Array.from({ length: 38 }, (_, i) => `m${i}`).join(' ')} fin ; suite`)).toMatch(/ m37 fin…$/);
    expect(summarise(`${Array.from({ length: 39 }, (_, i) => `m${i}`).join(' ')} fin; suite`)).toMatch(/ m38 fin…$/);
  });

  it('keeps a quote’s speaker', () => {
    const quote = evidence('Savoir valoriser ses ressources')[1]!;
    expect(text(quote.querySelector('blockquote'))).toBe('« On ne demande pas aux gens de changer de métier, on leur donne de l’air. »');
    expect(text(quote.querySelector('.quote-speaker'))).toBe('— Claire Vernet');
  });

  it('keeps a short passage within its sentence, the linked words marked', () => {
    const passage = evidence('Apprendre des autres')[0]!.querySelector('blockquote.passage')!;
    expect(text(passage)).toBe(
      'Les salariés peuvent proposer des projets et consacrer une partie de leur temps à les développer avec des start-ups du territoire.',
    );
    expect(text(passage.querySelector('mark'))).toBe('consacrer une partie de leur temps');
    const md = [...markdown(sampleRecords()).entries()].find(([path]) => path.includes('apprendre-des-autres'))![1];
    expect(md).toContain(
      '> Les salariés peuvent proposer des projets et **consacrer une partie de leur temps** à les développer avec des start-ups du territoire.',
    );
  });

  it('finds the sentence around each passage, and leaves long or unfound passages alone', () => {
    const note = 'Premier point. Les salariés consacrent une partie de leur temps à leurs projets ! Ensuite ?\nUne autre ligne, une autre partie.';
    expect(passagesInContext(note, ['une partie de leur temps', 'Ensuite ?', 'une autre partie'])).toEqual([
      { before: 'Les salariés consacrent ', text: 'une partie de leur temps', after: ' à leurs projets !' },
      { before: '', text: 'Ensuite ?', after: '' },
      // The second occurrence, after the passage before it.
      { before: 'Une autre ligne, ', text: 'une autre partie', after: '.' },
    ]);
    const alone = (text: string) => ({ before: '', text, after: '' });
    expect(passagesInContext(note, ['pas dans la note', 'Premier point.'])).toEqual([alone('pas dans la note'), alone('Premier point.')]);
    const long = Array.from({ length: 30 }, (_, i) => `mot${i}`).join(' ');
    expect(passagesInContext(`Avant ${long} après.`, [long])).toEqual([alone(long)]);
    // A sentence longer than the context kept: cut, and said so.
    const words = Array.from({ length: 400 }, (_, i) => `m${i}`).join(' ');
    const [cut] = passagesInContext(`${words} passage ${words}.`, ['passage']);
    expect(cut?.before).toMatch(/^…m370 /);
    expect(cut?.after).toMatch(/ m29…$/);
  });

  it('reads a huge note once for all its passages', () => {
    const text = 'Une phrase assez ordinaire. '.repeat(40_000);
    const started = performance.now();
    expect(passagesInContext(text, Array<string>(20_000).fill('assez ordinaire'))).toHaveLength(20_000);
    expect(passagesInContext(text, ['introuvable', ...Array<string>(20_000).fill('assez')])[1]).toEqual({ before: '', text: 'assez', after: '' });
    // A guard against reading the note again for each passage (minutes), not a speed goal.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('the expedition’s book', () => {
  const records = threeParticipantRecords();

  it('opens with a summary of each lesson: the group’s synthesis, its strongest quotes with their back references', () => {
    const page = html(records, BOOK);
    expect([...page.querySelectorAll('section.chapter')].map((s) => s.id)).toEqual([
      'summary',
      ...LESSON_IDS.map((id) => `lesson-${id}`),
      ...['arrivee', 'michelin', 'village', 'uca', 'bibliotheque'].map((id) => `visit-visit-${id}`),
    ]);
    const lessons = [...page.querySelectorAll('#summary .summary-lesson')];
    expect(lessons.map((s) => text(s.querySelector('.synthesis')))).toEqual([...SYNTHESIS_TEXTS, '']);
    expect([...lessons[3]!.querySelectorAll('.empty')].map(text)).toEqual([
      'Le groupe n’a pas encore écrit sa synthèse de cet enseignement.',
      'Aucun élément relevé pour cet enseignement.',
    ]);
    const [claire, temps] = [...lessons[0]!.querySelectorAll('.evidence')];
    const parts = (element: Element | undefined) => [...(element?.children ?? [])].map(text);
    expect(parts(claire)).toEqual([
      '« On ne demande pas aux gens de changer de métier, on leur donne de l’air. »',
      '— Claire Vernet',
      'Michelin, 20 nov. 2024 · Camille Durand, Louis Martin',
    ]);
    // A passage within its sentence.
    expect(parts(temps)).toEqual([
      'Les salariés consacrent une partie de leur temps à leurs propres projets.',
      'Michelin, 20 nov. 2024 · Camille Durand, Inès Morel',
    ]);
    expect(text(temps?.querySelector('mark'))).toBe('Les salariés consacrent une partie de leur temps à leurs propres projets');
    // A whole note among the strongest: its title apart.
    expect(text(lessons[1]!.querySelector('.summary-title'))).toBe('Un territoire apprenant');
    // The back references land on the notes, in the visit chapters.
    for (const link of page.querySelectorAll('#summary a[href^="#"]')) expect(page.getElementById(link.getAttribute('href')!.slice(1))).not.toBeNull();
    // Each participant's own synthesis stays out of the book.
    expect(page.querySelectorAll('section.lesson .synthesis')).toHaveLength(0);
  });

  it('gives every item of a lesson its author, and every visit its contributors', () => {
    const page = html(records, BOOK);
    expect(text(page.querySelector('.cover-author'))).toBe('Auteurs : Camille Durand, Inès Morel, Louis Martin');
    const visits = [...page.querySelectorAll(`#lesson-${LESSON_IDS[0]} section.lesson-visit`)];
    expect(visits.map((v) => text(v.querySelector('h3')))).toEqual([
      'Michelin — pratiques d’innovation ouverte · 20 nov. 2024',
      'Université Clermont Auvergne — territoire apprenant · 22 nov. 2024',
    ]);
    const references = visits.map((v) => [...v.querySelectorAll('.reference')].map(text));
    expect(references[0]).toContainEqual(expect.stringMatching(/^Citation · \d\d:\d\d · Camille Durand$/));
    expect(references[0]!.filter((r) => r.endsWith(' · Inès Morel'))).toHaveLength(2);
    expect(references[1]).toEqual([expect.stringMatching(/ · Louis Martin$/)]);
    const contributors = (id: string) => text(page.querySelector(`#visit-visit-${id} .visit-contributors`));
    expect(contributors('michelin')).toBe('Contributeurs : Camille Durand, Inès Morel, Louis Martin');
    expect(contributors('village')).toBe('Contributeurs : Camille Durand, Louis Martin');
    expect(contributors('arrivee')).toBe('Contributeurs : Camille Durand');
    expect(page.querySelector('#visit-visit-bibliotheque .visit-contributors')).toBeNull();
  });

  it('names in its summary the visits nobody linked to any lesson, only when there are some', () => {
    const page = html(records, BOOK);
    const unlinked = page.querySelector('#summary .unlinked-visits')!;
    expect(text(unlinked)).toBe('Visites sans enseignement relié : Arrivée et dîner d’accueil · 19 nov. 2024, Bibliothèque du patrimoine · 22 nov. 2024');
    expect([...unlinked.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['#visit-visit-arrivee', '#visit-visit-bibliotheque']);
    // It follows the lessons.
    expect(page.querySelector('#summary')!.lastElementChild).toBe(unlinked);
    const english = html(records, { ...BOOK, language: 'en' });
    expect(text(english.querySelector('#summary .unlinked-visits'))).toMatch(/^Visits linked to no lesson: Arrivée et dîner d’accueil · 19 Nov 2024, /);
    // Everything linked: nothing said.
    const linked = threeParticipantRecords();
    linked.visits = linked.visits.filter((v) => v.id !== 'visit-arrivee' && v.id !== 'visit-bibliotheque');
    expect(html(linked, BOOK).querySelector('.unlinked-visits')).toBeNull();
    expect(markdown(linked, BOOK).get('synthese-generale.md')).not.toContain('Visites sans enseignement');
  });

  it('says the same in Markdown', () => {
    const files = markdown(records, BOOK);
    expect(files.get('index.md')).toContain('[Synthèse générale](synthese-generale.md)');
    const summary = files.get('synthese-generale.md')!;
    for (const synthesis of SYNTHESIS_TEXTS) expect(summary).toContain(synthesis);
    expect(summary).toContain(
      '> « On ne demande pas aux gens de changer de métier, on leur donne de l’air. »\n\n— Claire Vernet\n\n— [Michelin, 20 nov. 2024](visites/02-michelin-pratiques-d-innovation-ouverte/1000-citation.md) · Camille Durand, Louis Martin',
    );
    expect(summary).toMatch(
      /\n\nVisites sans enseignement relié : \[Arrivée et dîner d’accueil · 19 nov\. 2024\]\(visites\/01-[^)]+\/00-visite\.md\), \[Bibliothèque du patrimoine · 22 nov\. 2024\]\(visites\/05-[^)]+\/00-visite\.md\)\n$/,
    );
    const lesson = files.get('enseignements/02-savoir-valoriser-ses-ressources.md')!;
    expect(lesson).toContain('### [Michelin — pratiques d’innovation ouverte · 20 nov. 2024](../visites/02-');
    const visit = [...files.entries()].find(([path]) => path.startsWith('visites/02-') && path.endsWith('00-visite.md'))![1];
    expect(visit).toContain('Contributeurs : Camille Durand, Inès Morel, Louis Martin');
  });

  it('says the same in DOCX', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'carnet-book-')), 'livre.docx');
    const job = await ExportJob.create(records, { ...defaultJournalOptions(records, 'fr'), ...BOOK }, 'docx', out);
    try {
      await job.run({ appVersion: 'test', openForPrinting: () => Promise.reject(new Error('no printing')) });
    } finally {
      await job.dispose();
    }
    const document = strFromU8(unzipSync(new Uint8Array(await readFile(out)))['word/document.xml']!)
      .replace(/<[^>]+>/g, '')
      .replaceAll(NNBSP, ' ');
    for (const synthesis of SYNTHESIS_TEXTS) expect(document).toContain(synthesis);
    expect(document).toContain('— Claire VernetMichelin, 20 nov. 2024 · Camille Durand, Louis Martin');
    expect(document).toContain('Contributeurs : Camille Durand, Inès Morel, Louis Martin');
    expect(document).toContain('Visites sans enseignement relié : Arrivée et dîner d’accueil · 19 nov. 2024, Bibliothèque du patrimoine · 22 nov. 2024');
    // Each visit of a lesson under a heading one level below "Ce que les visites en ont montré".
    const xml = strFromU8(unzipSync(new Uint8Array(await readFile(out)))['word/document.xml']!).replaceAll(NNBSP, ' ');
    expect(xml).toMatch(
      /<w:pStyle w:val="Heading3"\/><\/w:pPr><w:r><w:t xml:space="preserve">Michelin — pratiques d’innovation ouverte · 20 nov\. 2024<\/w:t>/,
    );
  });
});

describe('the book’s summary beside what the group wrote', () => {
  // A group synthesis that quotes Claire Vernet, as "Citer" leaves it: the words, a line
  // break, the back reference in italics.
  const quoting = JSON.stringify({
    root: {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', text: 'Le temps donné compte.', format: 0 }] },
        {
          type: 'quote',
          children: [
            { type: 'text', text: '« On ne demande pas aux gens de changer de métier,', format: 0 },
            { type: 'linebreak' },
            { type: 'text', text: 'on leur donne de l’air. »', format: 0 },
            { type: 'linebreak' },
            { type: 'text', text: '— Claire Vernet, Michelin, 20 nov. 2024 (noté par Camille Durand, Louis Martin)', format: 2 },
          ],
        },
      ],
    },
  });
  const records = (): ExportRecords => {
    const all = threeParticipantRecords();
    return { ...all, groupSyntheses: [{ ...GROUP_SYNTHESES[0]!, state: quoting }, ...GROUP_SYNTHESES.slice(2)] };
  };

  it('does not repeat among the strongest evidence a quote the synthesis already cites', () => {
    const first = html(records(), BOOK).querySelector('#summary .summary-lesson')!;
    expect(text(first.querySelector('.synthesis'))).toContain('on leur donne de l’air');
    const strongest = [...first.querySelectorAll('.evidence blockquote')].map(text);
    expect(strongest).toHaveLength(3);
    expect(strongest.some((quote) => quote.includes('on leur donne de l’air'))).toBe(false);
    expect(strongest[0]).toBe('Les salariés consacrent une partie de leur temps à leurs propres projets.');
    // Not cited, it leads.
    const before = html(threeParticipantRecords(), BOOK).querySelector('#summary .summary-lesson .evidence blockquote');
    expect(text(before)).toContain('on leur donne de l’air');
  });

  it('says which lessons the group has not written up, in every format, only when the book shows the syntheses', async () => {
    const notYet = 'Le groupe n’a pas encore écrit sa synthèse de cet enseignement.';
    const lessons = [...html(records(), BOOK).querySelectorAll('#summary .summary-lesson')];
    expect(lessons.map((lesson) => lesson.querySelector('.empty') && text(lesson.querySelector('.empty')))).toEqual([null, notYet, null, notYet]);
    expect(markdown(records(), BOOK).get('synthese-generale.md')!.split(`*${notYet}*`)).toHaveLength(3);
    const out = join(await mkdtemp(join(tmpdir(), 'carnet-book-')), 'livre.docx');
    const job = await ExportJob.create(records(), { ...defaultJournalOptions(records(), 'fr'), ...BOOK }, 'docx', out);
    try {
      await job.run({ appVersion: 'test', openForPrinting: () => Promise.reject(new Error('no printing')) });
    } finally {
      await job.dispose();
    }
    const document = strFromU8(unzipSync(new Uint8Array(await readFile(out)))['word/document.xml']!).replace(/<[^>]+>/g, '');
    expect(document.split(notYet)).toHaveLength(3);
    expect(text(html(records(), { ...BOOK, language: 'en' }).querySelector('#summary .summary-lesson:nth-of-type(2) .empty'))).toBe(
      'The group has not written its synthesis of this lesson yet.',
    );
    // A book without the syntheses does not say they are missing.
    expect(html(records(), { ...BOOK, synthesis: false }).querySelectorAll('#summary .empty')).toHaveLength(1);
  });
});

describe('a hostile group synthesis', () => {
  const withSynthesis = (state: string): ExportRecords => ({ ...threeParticipantRecords(), groupSyntheses: [{ ...GROUP_SYNTHESES[0]!, state }] });
  const paragraph = (value: string) => JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: value }] }] } });
  const deep = (levels: number) => `{"root":${'{"type":"paragraph","children":['.repeat(levels)}${']}'.repeat(levels)}}`;

  it('stays text: markup in it is escaped', () => {
    const hostile = withSynthesis(paragraph('<script>alert(1)</script><img src=x onerror=alert(2)> [lien](javascript:alert(3))'));
    const page = html(hostile, BOOK);
    expect(page.querySelectorAll('script, img, [onerror]')).toHaveLength(0);
    expect(text(page.querySelector('#summary .synthesis'))).toContain('<script>alert(1)</script>');
    expect(markdown(hostile, BOOK).get('synthese-generale.md')).toContain('\\<script\\>alert(1)\\</script\\>');
  });

  it('is refused when too deep or too large, at the IPC gate and in a backup', async () => {
    expect(exportRecordsSchema.safeParse(withSynthesis(deep(MAX_STATE_DEPTH + 10))).success).toBe(false);
    expect(exportRecordsSchema.safeParse(withSynthesis('x'.repeat(20_000_001))).success).toBe(false);
    expect(exportRecordsSchema.safeParse(withSynthesis(paragraph('ordinaire'))).success).toBe(true);
    const backup = craftBackup((r) => {
      r.groupSyntheses = [{ lessonId: r.lessons[0]!.id, expeditionId: r.expedition.id, state: deep(25_000), updatedAt: 0 }];
    });
    await expect(readBackup(backup)).rejects.toThrow(
      `group-syntheses.json holds invalid records: a document nested more than ${MAX_STATE_DEPTH} levels deep (at [0].state).`,
    );
  });

  it('of an old backup is simply absent', async () => {
    const { records } = await readBackup(craftBackup(() => undefined));
    expect(records.groupSyntheses).toBeUndefined();
    expect(html(records, BOOK).querySelectorAll('#summary .synthesis')).toHaveLength(0);
  });
});
