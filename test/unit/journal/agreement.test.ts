// Where the group agrees, on three participants whose links are known
// (test/fixtures/threeParticipants.ts says who linked what).
import { describe, expect, it } from 'vitest';
import { expeditionAgreement, STRONGEST_COUNT, type LessonAgreement } from '../../../src/shared/journal/agreement';
import { LESSON_IDS, threeParticipantRecords, VISIT_IDS } from '../../fixtures/threeParticipants';

const agreement = expeditionAgreement(threeParticipantRecords());
const lesson = (index: number): LessonAgreement => agreement.lessons.find((l) => l.lesson.id === LESSON_IDS[index])!;

/** Each cell as "visit: participants (what each linked)". */
function cells(l: LessonAgreement): Record<string, Record<string, string[]>> {
  return Object.fromEntries(
    l.cells.map((cell) => [
      cell.visit.id,
      Object.fromEntries(
        cell.contributions.map((c) => [c.participant.name, c.items.flatMap((item) => [...(item.whole ? [`note ${item.note.id}`] : []), ...item.passages])]),
      ),
    ]),
  );
}

describe('expedition agreement', () => {
  it('counts, per lesson and visit, the participants who linked something, and what', () => {
    expect(agreement.lessons.map((l) => l.lesson.id)).toEqual(LESSON_IDS);
    expect(agreement.participants).toEqual([
      { key: 'p-camille', name: 'Camille Durand' },
      { key: 'Inès Morel', name: 'Inès Morel' },
      { key: 'p-louis', name: 'Louis Martin' },
    ]);
    expect(cells(lesson(0))).toEqual({
      [VISIT_IDS.michelin]: {
        'Camille Durand': ['note n-camille-quote', 'les salariés peuvent consacrer une partie de leur temps à leurs projets'],
        'Louis Martin': ['note n-louis-quote', 'Les salariés présentent leurs projets au comité une fois par an'],
        'Inès Morel': ['Les salariés consacrent une partie de leur temps à leurs propres projets', 'note n-ines-marc'],
      },
      [VISIT_IDS.uca]: { 'Louis Martin': ['créent une dizaine d’entreprises par an'] },
    });
    // Louis's trashed note at the welcome dinner does not count.
    expect(cells(lesson(1))).toEqual({ [VISIT_IDS.uca]: { 'Inès Morel': ['note n-ines-uca'] } });
    expect(lesson(2).cells.map((c) => [c.visit.id, c.contributions.length])).toEqual([[VISIT_IDS.village, 2]]);
    expect(lesson(3).cells).toEqual([]);
  });

  it('finds the quotes and passages several participants linked alike, and keeps near misses apart', () => {
    const shared = lesson(0).shared;
    expect(
      shared.map((a) => ({ visit: a.visit.id, speaker: a.speaker, who: a.participants.map((p) => p.name), notes: a.mentions.map((m) => m.note.id) })),
    ).toEqual([
      // The same words of Claire Vernet, written down differently: the same speaker joins them.
      { visit: VISIT_IDS.michelin, speaker: 'Claire Vernet', who: ['Camille Durand', 'Louis Martin'], notes: ['n-camille-quote', 'n-louis-quote'] },
      // The same passage, accents and wording aside.
      { visit: VISIT_IDS.michelin, speaker: '', who: ['Camille Durand', 'Inès Morel'], notes: ['n-camille-salaries', 'n-ines-temps'] },
    ]);
    // The fullest wording is the one quoted.
    expect(shared[0]?.text).toBe('« On ne demande pas aux gens de changer de métier, on leur donne de l’air. »');
    // Near misses: Marc Lebon's look-alike quote and Louis's passage on the committee.
    const alone = lesson(0)
      .ranked.slice(0, STRONGEST_COUNT)
      .filter((a) => a.participants.length === 1);
    expect(alone.map((a) => a.note.id)).toEqual(['n-ines-marc']);
    for (const l of agreement.lessons.slice(1)) expect(l.shared).toEqual([]);
    // Two whole notes of one visit in other words do not agree.
    expect(lesson(2).ranked.map((a) => a.participants.length)).toEqual([1, 1]);
  });

  it('ranks the evidence: most participants, then quotes', () => {
    expect(
      lesson(0)
        .ranked.slice(0, STRONGEST_COUNT)
        .map((a) => a.mentions[0]?.note.id),
    ).toEqual(['n-camille-quote', 'n-camille-salaries', 'n-ines-marc']);
    expect(lesson(1).ranked.map((a) => a.note.id)).toEqual(['n-ines-uca']);
    expect(lesson(3).ranked).toEqual([]);
  });

  it('counts a participant once, however often they linked the same thing', () => {
    const records = threeParticipantRecords();
    const village = records.notes.find((n) => n.id === 'n-camille-village')!;
    records.notes.push({ ...village, id: 'n-camille-village-again', createdAt: village.createdAt + 60_000 });
    const again = expeditionAgreement(records).lessons[2]!;
    expect(again.cells[0]?.contributions.map((c) => [c.participant.name, c.items.length])).toEqual([
      ['Camille Durand', 2],
      ['Louis Martin', 1],
    ]);
    expect(again.ranked[0]?.mentions.map((m) => m.note.id)).toEqual(['n-camille-village', 'n-camille-village-again']);
    expect(again.shared).toEqual([]);
  });

  it('lists the visits nobody linked to any lesson', () => {
    expect(agreement.unlinkedVisits.map((v) => v.id)).toEqual([VISIT_IDS.arrivee, VISIT_IDS.bibliotheque]);
  });
});
