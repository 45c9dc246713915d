// Carnet's JSON programme: the documented format, its JSON Schema, and bad items.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programmeJsonSchema } from '../../../src/main/import/programmeJson';
import { planOk, REPO, runCli, scratch } from './helpers';

const files = scratch();
const SCHEMA_FILE = join(REPO, 'docs/programme.schema.json');

const example = {
  $schema: './programme.schema.json',
  format: 'carnet-programme',
  version: 1,
  expedition: {
    title: 'Learning expedition Clermont-Ferrand',
    place: 'Clermont-Ferrand',
    timeZone: 'Europe/Paris',
    startDate: '2024-11-19',
    endDate: '2024-11-21',
  },
  visits: [
    { title: 'Arrivée', start: '2024-11-19', location: 'Clermont-Ferrand' },
    {
      title: 'Michelin',
      organisation: 'Michelin',
      start: '2024-11-20T09:15',
      end: '2024-11-20T12:30:00+01:00',
      speakers: [{ name: 'Claire Martin', role: 'responsable innovation' }],
    },
    { title: 'Sans date' },
    { title: 'Deux jours', start: '2024-11-22', end: '2024-11-23', allDay: true },
  ],
  lessons: [
    'Apprendre des autres',
    { title: 'Savoir valoriser ses ressources', description: 'Au-delà des compétences individuelles.' },
    'Apprendre des autres',
  ],
};

describe('JSON programme', () => {
  it('is described by docs/programme.schema.json, generated from its zod schema', () => {
    const generated = `${JSON.stringify(programmeJsonSchema(), null, 2)}\n`;
    if (process.env['UPDATE_PROGRAMME_SCHEMA']) writeFileSync(SCHEMA_FILE, generated);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
  });

  it('plans visits, lessons and the expedition; bad items are left out with their reason', async () => {
    const plan = await planOk(files.write('programme.json', JSON.stringify(example)), { timeZone: 'America/New_York' });
    expect(plan.source.format).toBe('json');
    expect(plan.expedition).toEqual({
      title: 'Learning expedition Clermont-Ferrand',
      place: 'Clermont-Ferrand',
      timeZone: 'Europe/Paris',
      startDate: '2024-11-19',
      endDate: '2024-11-21',
    });
    expect(plan.visits).toEqual([
      {
        title: 'Arrivée',
        organisation: null,
        start: '2024-11-19',
        end: '2024-11-19',
        allDay: true,
        location: 'Clermont-Ferrand',
        description: null,
        speakers: [],
      },
      {
        title: 'Michelin',
        organisation: 'Michelin',
        // Floating times are read in the programme's own zone, not --tz.
        start: '2024-11-20T09:15:00+01:00',
        end: '2024-11-20T12:30:00+01:00',
        allDay: false,
        location: null,
        description: null,
        speakers: [{ name: 'Claire Martin', role: 'responsable innovation' }],
      },
      expect.objectContaining({ title: 'Deux jours', start: '2024-11-22', end: '2024-11-23', allDay: true }),
    ]);
    expect(plan.lessons).toEqual([
      { title: 'Apprendre des autres', description: null },
      { title: 'Savoir valoriser ses ressources', description: 'Au-delà des compétences individuelles.' },
    ]);
    expect(plan.skipped.map((s) => s.code)).toEqual(['skippedItem', 'duplicateItem']);
    expect(plan.skipped[0]?.message).toMatch(/^Visit 3 left out: start/);
    expect(plan.itemCount).toBe(7);
  });

  it('leaves out a visit whose offset no clock has, rather than plan a time nothing reads', async () => {
    const visits = ['+99:99', '+24:00', '-12:60', '+14:00', '-0930'].map((offset, i) => ({ title: `Visite ${i}`, start: `2024-11-20T09:15${offset}` }));
    const plan = await planOk(files.write('offsets.json', JSON.stringify({ format: 'carnet-programme', visits })));
    expect(plan.visits.map((visit) => visit.start)).toEqual(['2024-11-20T09:15:00+14:00', '2024-11-20T09:15:00-09:30']);
    expect(plan.skipped.map((item) => item.message)).toEqual([
      expect.stringMatching(/^Visit 1 left out/),
      expect.stringMatching(/^Visit 2 left out/),
      expect.stringMatching(/^Visit 3 left out/),
    ]);
  });

  it('prints the documented shape from the CLI', () => {
    const report = JSON.parse(runCli('inspect', files.write('cli.json', JSON.stringify(example))).stdout);
    expect(report.source).toEqual({ format: 'json', encoding: 'utf-8' });
    expect(report.lessons).toHaveLength(2);
    expect(report.warnings).toHaveLength(2);
  });
});
