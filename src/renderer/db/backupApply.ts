// Bringing a Carnet backup into the notebook, in one transaction. Restore puts the
// expedition back exactly as the backup holds it; merge adds what is missing and takes
// an incoming record only when it was edited later than the local one, so nothing
// written here is ever overwritten by an older copy.
import type { BackupContents } from '../../shared/ipc';
import type { Attachment, Expedition, GroupSynthesis, Lesson, Note, SettingRecord, Visit } from '../../shared/model';
import type { AppDB } from './AppDB';
import { deleteNotes, putNotes } from './notes';

export type BackupMode = 'restore' | 'merge';

export interface Tally {
  added: number;
  updated: number;
  skipped: number;
}

export interface BackupPlan {
  mode: BackupMode;
  expedition: Expedition;
  /** Per kind of record: what applying the plan will do. */
  tallies: { visits: Tally; lessons: Tally; notes: Tally; photos: Tally };
  /** Restore only: local records of the expedition that the backup does not hold. */
  removed: number;
  put: {
    expedition: Expedition | null;
    visits: Visit[];
    lessons: Lesson[];
    notes: Note[];
    attachments: Attachment[];
    settings: SettingRecord[];
    /** The group's syntheses, one per lesson: in a merge, those written later than ours. */
    groupSyntheses: GroupSynthesis[];
  };
}

function toAttachment(entry: BackupContents['attachments'][number]): Attachment {
  const { displayMime, ...meta } = entry.meta;
  return {
    ...meta,
    blob: new Blob([entry.original as Uint8Array<ArrayBuffer>], { type: meta.mime }),
    display: entry.display && displayMime ? new Blob([entry.display as Uint8Array<ArrayBuffer>], { type: displayMime }) : null,
  };
}

/** Splits incoming records into added / updated / skipped against the local ones. */
function mergeById<T extends { id: string; updatedAt?: number }>(incoming: T[], local: Map<string, { updatedAt?: number }>, tally: Tally): T[] {
  const put: T[] = [];
  for (const record of incoming) {
    const mine = local.get(record.id);
    if (!mine) {
      tally.added++;
      put.push(record);
    } else if ((record.updatedAt ?? 0) > (mine.updatedAt ?? 0)) {
      tally.updated++;
      put.push(record);
    } else tally.skipped++;
  }
  return put;
}

export async function planBackup(database: AppDB, contents: BackupContents, mode: BackupMode): Promise<BackupPlan> {
  const { records } = contents;
  const id = records.expedition.id;
  const [expedition, visits, lessons, notes, attachmentIds, syntheses] = await Promise.all([
    database.expeditions.get(id),
    database.visits.where('expeditionId').equals(id).toArray(),
    database.lessons.where('expeditionId').equals(id).toArray(),
    database.notes.where('expeditionId').equals(id).toArray(),
    database.attachments.where('expeditionId').equals(id).primaryKeys(),
    database.groupSyntheses.where('expeditionId').equals(id).toArray(),
  ]);
  // Only this expedition's; a backup written before group syntheses existed has none.
  const incomingSyntheses = (records.groupSyntheses ?? []).filter((synthesis) => synthesis.expeditionId === id);
  const tally = (): Tally => ({ added: 0, updated: 0, skipped: 0 });
  const tallies = { visits: tally(), lessons: tally(), notes: tally(), photos: tally() };
  const attachments = contents.attachments.map(toAttachment);

  if (mode === 'restore') {
    const incoming = new Set([...records.visits, ...records.lessons, ...records.notes, ...attachments].map((record) => record.id));
    const local = [...visits, ...lessons, ...notes].map((record) => record.id).concat(attachmentIds);
    const localIds = new Set(local);
    const count = (list: { id: string }[], into: Tally) => list.forEach((record) => (localIds.has(record.id) ? into.updated++ : into.added++));
    count(records.visits, tallies.visits);
    count(records.lessons, tallies.lessons);
    count(records.notes, tallies.notes);
    count(attachments, tallies.photos);
    return {
      mode,
      expedition: records.expedition,
      tallies,
      removed: local.filter((localId) => !incoming.has(localId)).length,
      put: {
        expedition: records.expedition,
        visits: records.visits,
        lessons: records.lessons,
        notes: records.notes,
        attachments,
        settings: records.settings,
        groupSyntheses: incomingSyntheses,
      },
    };
  }

  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((record) => [record.id, record]));
  const localAttachments = new Set(attachmentIds);
  const localSyntheses = new Map(syntheses.map((synthesis) => [synthesis.lessonId, synthesis]));
  const newAttachments = attachments.filter((attachment) => {
    if (localAttachments.has(attachment.id)) tallies.photos.skipped++;
    else tallies.photos.added++;
    return !localAttachments.has(attachment.id);
  });
  return {
    mode,
    expedition: records.expedition,
    tallies,
    removed: 0,
    put: {
      expedition: !expedition || records.expedition.updatedAt > expedition.updatedAt ? records.expedition : null,
      visits: mergeById(records.visits, byId(visits), tallies.visits),
      lessons: mergeById(records.lessons, byId(lessons), tallies.lessons),
      notes: mergeById(records.notes, byId(notes), tallies.notes),
      attachments: newAttachments,
      settings: [],
      groupSyntheses: incomingSyntheses.filter((synthesis) => synthesis.updatedAt > (localSyntheses.get(synthesis.lessonId)?.updatedAt ?? -Infinity)),
    },
  };
}

export async function applyBackup(database: AppDB, plan: BackupPlan): Promise<void> {
  const tables = [
    database.expeditions,
    database.visits,
    database.lessons,
    database.notes,
    database.noteStates,
    database.attachments,
    database.settings,
    database.searchIndexes,
    database.groupSyntheses,
  ];
  await database.transaction('rw', tables, async () => {
    const id = plan.expedition.id;
    // Restored notes keep their old edit times, which the saved search index cannot tell
    // from its own: it is dropped and rebuilt from the notes.
    await database.searchIndexes.delete(id);
    if (plan.mode === 'restore') {
      await database.visits.where('expeditionId').equals(id).delete();
      await database.lessons.where('expeditionId').equals(id).delete();
      await deleteNotes(database, await database.notes.where('expeditionId').equals(id).primaryKeys());
      await database.attachments.where('expeditionId').equals(id).delete();
      await database.settings.bulkPut(plan.put.settings);
      await database.settings.put({ key: 'currentExpeditionId', value: id });
    }
    if (plan.put.expedition) await database.expeditions.put(plan.put.expedition);
    await database.visits.bulkPut(plan.put.visits);
    await database.lessons.bulkPut(plan.put.lessons);
    await database.attachments.bulkPut(plan.put.attachments);
    await database.groupSyntheses.bulkPut(plan.put.groupSyntheses);
    await putNotes(database, plan.put.notes);
  });
}
