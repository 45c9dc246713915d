// Settings are one record per key, each checked on read: a record that was corrupted or
// edited by hand is ignored (the default applies) and reported, never trusted.
import { z } from 'zod';
import { SYNC_ID } from '../../shared/sync/documents';
import type { AppDB } from './AppDB';

const settingSchemas = {
  locale: z.enum(['fr', 'en']),
  currentExpeditionId: z.string().min(1).max(100),
  currentVisitId: z.string().min(1).max(100),
  currentNoteId: z.string().min(1).max(100),
  /** The shared expedition this notebook takes part in (renderer/sync/session.ts), and,
   *  for its organiser, the invitations' tokens to show again (participant id → token). */
  share: z
    .object({
      url: z.string().max(500),
      expeditionId: z.string().regex(SYNC_ID),
      participantId: z.string().regex(SYNC_ID),
      role: z.enum(['organiser', 'participant']),
      token: z.string().min(20).max(200),
      name: z.string().max(200),
      invitations: z.record(z.string().regex(SYNC_ID), z.string().max(200)),
    })
    .strict(),
};

export type SettingKey = keyof typeof settingSchemas;
export type Settings = { [K in SettingKey]: z.infer<(typeof settingSchemas)[K]> | null };

export interface SettingsRead {
  settings: Settings;
  /** Keys whose stored value was unreadable and has been ignored. */
  invalid: SettingKey[];
}

const KEYS = Object.keys(settingSchemas) as SettingKey[];

export async function readSettings(database: AppDB): Promise<SettingsRead> {
  const records = await database.settings.bulkGet(KEYS);
  const settings = Object.fromEntries(KEYS.map((key) => [key, null])) as Settings;
  const invalid: SettingKey[] = [];
  KEYS.forEach((key, index) => {
    const record = records[index];
    if (!record) return;
    const parsed = settingSchemas[key].safeParse(record.value);
    if (parsed.success) (settings as Record<SettingKey, unknown>)[key] = parsed.data;
    else invalid.push(key);
  });
  return { settings, invalid };
}

export async function writeSetting<K extends SettingKey>(database: AppDB, key: K, value: NonNullable<Settings[K]> | null): Promise<void> {
  if (value === null) {
    await database.settings.delete(key);
    return;
  }
  await database.settings.put({ key, value: settingSchemas[key].parse(value) });
}
