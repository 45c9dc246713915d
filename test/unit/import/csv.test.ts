// Spreadsheet programmes: separators, encodings, quoting, dates and the mapping step.
import { describe, expect, it } from 'vitest';
import { planCsvWithMapping } from '../../../src/main/import/index';
import { planOk, runCli, scratch } from './helpers';

const files = scratch();

/** Windows-1252 bytes of a Latin-1 string (the test texts use no € or curly quotes). */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((char) => char.charCodeAt(0)));
}

describe('csv', () => {
  it('reads commas, English headers, ISO dates, CRLF and quoted fields with new lines', async () => {
    const path = files.write(
      'programme-en.csv',
      'Title,Organization,Date,Start,End,Location,Description\r\n' +
        'Factory tour,Acme,2024-11-20,09:15,12:30,"Lyon, France","First line\r\nsecond line, with ""quotes"""\r\n' +
        'Free day,,2024-11-21,,,,\r\n',
    );
    const plan = await planOk(path);
    expect(plan.source).toEqual({ format: 'csv', encoding: 'utf-8', name: 'programme-en.csv' });
    expect(plan.visits).toEqual([
      {
        title: 'Factory tour',
        organisation: 'Acme',
        start: '2024-11-20T09:15:00+01:00',
        end: '2024-11-20T12:30:00+01:00',
        allDay: false,
        location: 'Lyon, France',
        description: 'First line\nsecond line, with "quotes"',
        speakers: [],
      },
      expect.objectContaining({ title: 'Free day', allDay: true, start: '2024-11-21', end: '2024-11-21' }),
    ]);
    expect(plan.csvMapping?.recognised).toBe(true);
  });

  it('sniffs tabs, in .tsv and in .txt files', async () => {
    const text = 'Titre\tDate\tDébut\tFin\nVisite\t20/11/2024\t9h15\t12h\n';
    for (const name of ['programme.tsv', 'programme.txt']) {
      const plan = await planOk(files.write(name, text));
      expect(plan.visits.map((v) => [v.title, v.start, v.end])).toEqual([['Visite', '2024-11-20T09:15:00+01:00', '2024-11-20T12:00:00+01:00']]);
    }
  });

  it('reads Windows-1252 files, as French office suites write them', async () => {
    const path = files.write('programme-1252.csv', windows1252("Intitulé;Début;Fin;Date;Lieu\r\nVisite de l'usine;09:15;12:30;20/11/2024;Génissieux\r\n"));
    const plan = await planOk(path);
    expect(plan.source.encoding).toBe('windows-1252');
    expect(plan.csvMapping?.headers).toEqual(['Intitulé', 'Début', 'Fin', 'Date', 'Lieu']);
    expect(plan.visits[0]).toMatchObject({ title: "Visite de l'usine", location: 'Génissieux', start: '2024-11-20T09:15:00+01:00' });
    expect(JSON.parse(runCli('inspect', path, '--tz', 'Europe/Paris').stdout).source).toEqual({ format: 'csv', encoding: 'windows-1252' });
  });

  it('reads ranges in one column, dates in words and visits that end after midnight', async () => {
    const path = files.write('horaires.csv', 'Visite;Jour;Horaire\n' + 'Matin;mercredi 20 novembre 2024;9h15 - 12h30\n' + 'Soirée;21.11.24;22:00 – 01:00\n');
    const plan = await planOk(path);
    expect(plan.visits.map((v) => [v.start, v.end])).toEqual([
      ['2024-11-20T09:15:00+01:00', '2024-11-20T12:30:00+01:00'],
      ['2024-11-21T22:00:00+01:00', '2024-11-22T01:00:00+01:00'],
    ]);
  });

  it('leaves out rows without a title or a readable date, saying why, and the counts add up', async () => {
    const path = files.write(
      'bad-rows.csv',
      'Titre;Date;Début\nBonne;20/11/2024;10:00\n;20/11/2024;\nSans date;;\nMauvaise date;31/02/2024;\nHeure;20/11/2024;25:99\n;;\n',
    );
    const plan = await planOk(path);
    expect(plan.visits.map((v) => v.title)).toEqual(['Bonne']);
    expect(plan.skipped.map((s) => [s.code, s.detail?.['row']])).toEqual([
      ['skippedItem', 3],
      ['noDate', 4],
      ['badDate', 5],
      ['badDate', 6],
    ]);
    expect(plan.itemCount).toBe(5);
  });

  it('asks for a column mapping when the headers are unknown, then plans with it', async () => {
    const path = files.write('unknown.csv', 'Quoi,Quand,Heure de passage\nUsine,20/11/2024,09:15\nLabo,21/11/2024,14:00\n');
    const plan = await planOk(path);
    expect(plan.visits).toEqual([]);
    expect(plan.warnings.map((w) => w.code)).toEqual(['unknownColumns']);
    expect(plan.csvMapping).toMatchObject({
      recognised: false,
      headers: ['Quoi', 'Quand', 'Heure de passage'],
      sampleRows: [
        ['Usine', '20/11/2024', '09:15'],
        ['Labo', '21/11/2024', '14:00'],
      ],
    });
    const mapped = await planCsvWithMapping(path, { title: 0, date: 1, start: 2, location: 99 }, { timeZone: 'Europe/Paris' });
    expect(mapped.ok && mapped.value.visits.map((v) => [v.title, v.start, v.location])).toEqual([
      ['Usine', '2024-11-20T09:15:00+01:00', null],
      ['Labo', '2024-11-21T14:00:00+01:00', null],
    ]);
  });
});
