// The pages' policy names the one sync server they may reach (main sets it): a new server
// takes a reload to be allowed. What the sharing dialog was doing is kept for that reload
// in sessionStorage, which lives as long as the window and never reaches the disk.
import { z } from 'zod';
import { carnet } from '../../platform';

const KEY = 'carnet.sharing.pending';

const pendingSchema = z.object({ url: z.string(), adminKey: z.string(), expeditionId: z.string() }).strict();
export type PendingShare = z.infer<typeof pendingSchema>;

/** Allows `url` for the pages; false when the page must first be reloaded (done here,
 *  once `beforeReload` has run). */
export async function allowServer(url: string, beforeReload: () => void = () => undefined): Promise<boolean> {
  const allowed = await carnet().setSyncServer({ url });
  if (!allowed.ok) throw new Error(allowed.error.message);
  if (!allowed.value.reload) return true;
  beforeReload();
  window.location.reload();
  return false;
}

export function keepPendingShare(pending: PendingShare): void {
  sessionStorage.setItem(KEY, JSON.stringify(pending));
}

/** The share the dialog started before the reload, once: it is forgotten as it is read. */
export function takePendingShare(expeditionId: string): PendingShare | null {
  const text = sessionStorage.getItem(KEY);
  if (text === null) return null;
  let parsed: PendingShare | null = null;
  try {
    const read = pendingSchema.safeParse(JSON.parse(text));
    if (read.success && read.data.expeditionId === expeditionId) parsed = read.data;
  } catch {
    parsed = null;
  }
  sessionStorage.removeItem(KEY);
  return parsed;
}

export function hasPendingShare(): boolean {
  return sessionStorage.getItem(KEY) !== null;
}
