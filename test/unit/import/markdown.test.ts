// Lessons and notes from Markdown: how a file is recognised, headings and list items,
// front matter, hashtags, images and wiki links, and notes that cannot be read.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseMarkdownKind } from '../../../src/main/import/index';
import { splitFrontMatter } from '../../../src/main/import/notesMarkdown';
import { expectCliRefusal, planOk, runCli, scratch } from './helpers';

const files = scratch();

describe('lessons from Markdown', () => {
  it('takes one list item per lesson when there are no lesson headings', async () => {
    const path = files.write(
      'enseignements.md',
      '# Nos enseignements\n\nIntroduction qui n’est pas une leçon.\n\n' +
        '- Savoir valoriser ses ressources\n' +
        '- **Apprendre des autres** — la coopération des acteurs\n  d’un même territoire\n' +
        '- [ ] Identifier les combinaisons gagnantes\n' +
        '1. Prendre soin de son territoire\n',
    );
    const plan = await planOk(path);
    expect(plan.lessons).toEqual([
      { title: 'Savoir valoriser ses ressources', description: null },
      { title: 'Apprendre des autres', description: 'la coopération des acteurs\nd’un même territoire' },
      { title: 'Identifier les combinaisons gagnantes', description: null },
      { title: 'Prendre soin de son territoire', description: null },
    ]);
  });

  it('takes headings of the highest level when there is no single title above them', async () => {
    const path = files.write('lessons-h1.md', '# Un\nTexte *un*.\n\n## Détail\nEncore.\n\n```\n# pas un titre\n```\n\n# Deux ##\n\n# Un\nEn double.\n');
    const plan = await planOk(path);
    expect(plan.lessons.map((l) => l.title)).toEqual(['Un', 'Deux']);
    expect(plan.lessons[0]?.description).toMatch(/^Texte un\.\nDétail\nEncore\.\n[\s\S]*pas un titre/);
    expect(plan.skipped.map((s) => s.code)).toEqual(['duplicateItem']);
    expect(plan.itemCount).toBe(3);
  });

  it('tells lessons from notes', () => {
    expect(chooseMarkdownKind('lessons.md', '# L\n\n## A\n## B\n')).toBe('lessons');
    expect(chooseMarkdownKind('leçons.md', 'texte #tag\n')).toBe('lessons');
    expect(chooseMarkdownKind('programme.md', '## A\ntexte\n## B\ntexte\n')).toBe('lessons');
    expect(chooseMarkdownKind('programme.md', '- A\n- B\n')).toBe('lessons');
    expect(chooseMarkdownKind('lessons.md', '---\ntitle: x\n---\n## A\n## B\n')).toBe('notes');
    expect(chooseMarkdownKind('2024-11-20-visite.md', '## A\n## B\n')).toBe('notes');
    expect(chooseMarkdownKind('visite.md', '## A\nvu #robotique\n## B\n')).toBe('notes');
    expect(chooseMarkdownKind('visite.md', 'Une seule idée.\n')).toBe('notes');
  });

  it('reads a file as lessons or notes on demand (--as)', async () => {
    const path = files.write('idees.md', 'Une seule idée.\n');
    expect((await planOk(path)).notes).toHaveLength(1);
    const run = runCli('inspect', path, '--as', 'lessons');
    expectCliRefusal(run);
    expect(run.stderr).toBe('carnet: No lessons found: write one heading or one list item per lesson.\n');
    const heading = files.write('une.md', '## Une leçon\nAvec sa description.\n');
    expect((await planOk(heading, { markdownAs: 'lessons' })).lessons).toEqual([{ title: 'Une leçon', description: 'Avec sa description.' }]);
  });
});

describe('notes from Markdown', () => {
  const vault = join(files.dir, 'vault');
  files.write(
    'vault/visites/2024-11-20 Michelin.md',
    [
      '---',
      'visit: "[[Michelin — pratiques d\'innovation ouverte]]"',
      'tags: "#RH, intrapreneuriat lesson/Territoire"',
      'lessons: Savoir valoriser ses ressources',
      '---',
      '# Compétences',
      '',
      'Vu à l’atelier ![photo](img/atelier%201.jpg "L’atelier") puis ![[plan.png]].',
      'Voir [[Autre note|l’autre note]] et #Écosystème.',
      '',
      '![absente](img/absente.jpg) ![dehors](../../dehors.jpg) ![racine](/etc/secret.png) ![lien](img/lien.jpg)',
      '![distante](https://example.org/a.jpg) ![[Autre note]]',
      '',
    ].join('\n'),
  );
  files.write('vault/visites/img/atelier 1.jpg', 'jpeg');
  files.write('vault/pièces jointes/plan.png', 'png');
  files.write('dehors.jpg', 'outside');
  symlinkSync(join(files.dir, 'dehors.jpg'), join(vault, 'visites/img/lien.jpg'));
  files.write('vault/sans-titre.md', 'Juste du texte, sans titre ni date.\n');
  files.write('vault/daté.md', '---\ndate: 2024-11-21 14:30\ntags:\n  - Synthèse\n  - "#synthèse"\n---\nTexte.\n');
  files.write('vault/cassé.md', '---\ntitle: [non fermé\n---\nTexte.\n');
  files.write('vault/binaire.md', new Uint8Array([0x23, 0x20, 0x00, 0x01]));
  files.write('vault/vide.md', '');
  files.write('vault/.obsidian/workspace.md', '# caché\n');
  files.write('vault/.trash/old.md', '# supprimée\n');
  files.write('vault/notes.txt', 'pas du Markdown');

  it('reads a folder, skipping hidden folders and other files', async () => {
    const plan = await planOk(vault);
    expect(plan.source.format).toBe('markdown');
    expect(plan.notes.map((n) => n.source)).toEqual(['daté.md', 'sans-titre.md', 'visites/2024-11-20 Michelin.md']);
  });

  it('leaves out the notes it cannot read, saying why, and the counts add up', async () => {
    const plan = await planOk(vault);
    expect(plan.skipped.map((s) => s.detail?.['name'])).toEqual(['binaire.md', 'cassé.md', 'vide.md']);
    expect(plan.skipped.map((s) => s.message)).toEqual([
      expect.stringMatching(/^Note binaire\.md left out: .*not a text file/),
      expect.stringMatching(/^Note cassé\.md left out: its front matter is not valid YAML/),
      expect.stringMatching(/^Note vide\.md left out: .*empty/),
    ]);
    expect(plan.itemCount).toBe(6);
    expect(plan.notes.length + plan.skipped.length).toBe(plan.itemCount);
  });

  it('reads front matter, hashtags, wiki links, titles and dates', async () => {
    const plan = await planOk(vault);
    const [dated, untitled, michelin] = plan.notes;
    expect(michelin).toMatchObject({
      title: 'Compétences',
      visit: "Michelin — pratiques d'innovation ouverte",
      createdAt: '2024-11-20',
      tags: ['intrapreneuriat', 'lesson/territoire', 'rh', 'écosystème'],
      lessons: ['Savoir valoriser ses ressources'],
    });
    expect(michelin?.text).toContain('Voir [[Autre note|l’autre note]] et #Écosystème.');
    expect(michelin?.text).toContain('![[Autre note]]');
    expect(michelin?.text).not.toContain('atelier%201');
    expect(untitled).toMatchObject({ title: null, visit: null, createdAt: null, tags: [], lessons: [] });
    expect(dated).toMatchObject({ createdAt: '2024-11-21T14:30:00+01:00', tags: ['synthèse'] });
  });

  it('attaches the images it finds inside the folder, and only those', async () => {
    const plan = await planOk(vault);
    const michelin = plan.notes[2]!;
    expect(michelin.attachments).toEqual([
      { id: expect.any(String), path: join(vault, 'visites/img/atelier 1.jpg'), name: 'atelier 1.jpg', mime: 'image/jpeg' },
      { id: expect.any(String), path: join(vault, 'pièces jointes/plan.png'), name: 'plan.png', mime: 'image/png' },
    ]);
    expect(plan.warnings.map((w) => [w.code, w.detail?.['image']])).toEqual([
      ['missingImage', 'img/absente.jpg'],
      ['imageOutsideFolder', '../../dehors.jpg'],
      ['imageOutsideFolder', '/etc/secret.png'],
      ['imageOutsideFolder', 'img/lien.jpg'],
    ]);
    // A remote image stays where it was written, as a link to it.
    expect(michelin.state).toContain('"url":"https://example.org/a.jpg"');
    // The state points at the planned attachments, at the end of the note.
    const images = JSON.parse(michelin.state).root.children.filter((node: { type: string }) => node.type === 'image');
    expect(images.map((node: { attachmentId: string }) => node.attachmentId)).toEqual(michelin.attachments.map((a) => a.id));
  });

  it('reads one note file on its own, its images only from its folder', async () => {
    const plan = await planOk(join(vault, 'visites/2024-11-20 Michelin.md'));
    expect(plan.notes).toHaveLength(1);
    expect(plan.notes[0]?.attachments.map((a) => a.name)).toEqual(['atelier 1.jpg']);
    expect(plan.warnings.map((w) => w.code)).toContain('missingImage');
  });

  it('lists what the CLI reports for the folder', () => {
    const report = JSON.parse(runCli('inspect', vault, '--tz', 'Europe/Paris').stdout);
    expect(report.notes).toHaveLength(3);
    expect(report.warnings).toEqual(expect.arrayContaining([expect.stringContaining('cassé.md'), expect.stringContaining('absente.jpg')]));
  });
});

describe('front matter (YAML)', () => {
  it('reads YAML 1.2 fields, dates as text, and no fields from comments alone', () => {
    const { fields, body } = splitFrontMatter('---\nTitle: Michelin\ndate: 2024-11-20\ntags: [pneus, "R&D"]\nfini: true\n---\nTexte');
    expect({ ...fields }).toEqual({ title: 'Michelin', date: '2024-11-20', tags: ['pneus', 'R&D'], fini: true });
    expect(body).toBe('Texte');
    expect({ ...splitFrontMatter('---\n# rien ici\n\n---\nTexte').fields }).toEqual({});
    expect({ ...splitFrontMatter('---\n---\nTexte').fields }).toEqual({});
  });

  it('refuses what is not YAML, repeated keys and alias bombs, and keeps __proto__ a mere field', () => {
    expect(() => splitFrontMatter('---\ntags: [a, b\n---\n')).toThrow(/its front matter is not valid YAML/);
    expect(() => splitFrontMatter('---\ntitle: a\ntitle: b\n---\n')).toThrow(/not valid YAML/);
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, at) => `${'bcdefghi'[at]}: &${'bcdefghi'[at]} [${Array(10).fill(`*${'abcdefgh'[at]}`).join(', ')}]`),
    ].join('\n');
    expect(() => splitFrontMatter(`---\n${bomb}\n---\n`)).toThrow(/not valid YAML/);
    expect(() => splitFrontMatter('---\n- une\n- liste\n---\n')).toThrow(/not a list of fields/);
    const { fields } = splitFrontMatter('---\n__proto__: {title: piégé}\n---\n');
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(fields['title']).toBeUndefined();
    expect(({} as Record<string, unknown>)['title']).toBeUndefined();
  });
});

describe('notes with Windows line endings', () => {
  it('keeps no carriage return in the note, in a single file and in a vault, front matter and all', async () => {
    const crlf = '---\r\ntitle: Visite\r\ntags: [atelier]\r\n---\r\n# Titre\r\n\r\nPremière ligne #pneu\r\n- un\r\n- **deux**\r\n\r\n> cité\rfin\r\n';
    const single = files.write('crlf/note.md', crlf);
    for (const plan of [await planOk(single, { markdownAs: 'notes' }), await planOk(join(single, '..'))]) {
      const [note] = plan.notes;
      expect(note?.title).toBe('Visite');
      expect(note?.text).not.toMatch(/\r/);
      expect(note?.state).not.toMatch(/\\r/);
      expect(note?.text).toBe('Titre\nPremière ligne #pneu\nun\ndeux\ncité\nfin\n#atelier');
      expect(note?.tags).toEqual(['atelier', 'pneu']);
    }
  });
});
