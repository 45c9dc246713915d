// The shared expedition's documents (docs/sharing.md): their names, who owns each, and
// what a member may do with it. The server enforces this table and the app follows it,
// so both import it from here.

/** Expedition, participant, note, lesson and photo ids: the safe alphabet of backups. */
export const SYNC_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** The largest message the server accepts, an update or anything else. A photo's display
 *  copy (at most ~2 MB) fits in one update with room to spare; an update over this
 *  closes the socket, so the app must never send one. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export type SyncDocument =
  | { kind: 'access' | 'structure'; expedition: string }
  | { kind: 'participant'; expedition: string; participant: string }
  | { kind: 'note' | 'synthesis' | 'photo'; expedition: string; participant: string; id: string }
  | { kind: 'group'; expedition: string; id: string };

export type Role = 'organiser' | 'participant';

/** Who asks: a participant of the expedition, as its access document lists them. */
export interface Member {
  participant: string;
  role: Role;
}

/** `none`: the document is refused; `read`: a read-only connection; `write`: read and write. */
export type Permission = 'none' | 'read' | 'write';

export function documentName(doc: SyncDocument): string {
  switch (doc.kind) {
    case 'access':
    case 'structure':
      return `carnet/${doc.expedition}/${doc.kind}`;
    case 'participant':
      return `carnet/${doc.expedition}/participant/${doc.participant}`;
    case 'note':
    case 'synthesis':
    case 'photo':
      return `carnet/${doc.expedition}/${doc.kind}/${doc.participant}/${doc.id}`;
    case 'group':
      return `carnet/${doc.expedition}/group/${doc.id}`;
  }
}

/** The document a name designates, or null for any name outside the table. */
export function parseDocumentName(name: string): SyncDocument | null {
  const parts = name.split('/');
  if (parts[0] !== 'carnet' || !parts.slice(1).every((part) => SYNC_ID.test(part))) return null;
  const [, expedition = '', kind, a = '', b = ''] = parts;
  switch (`${kind}/${parts.length}`) {
    case 'access/3':
      return { kind: 'access', expedition };
    case 'structure/3':
      return { kind: 'structure', expedition };
    case 'participant/4':
      return { kind: 'participant', expedition, participant: a };
    case 'note/5':
      return { kind: 'note', expedition, participant: a, id: b };
    case 'synthesis/5':
      return { kind: 'synthesis', expedition, participant: a, id: b };
    case 'photo/5':
      return { kind: 'photo', expedition, participant: a, id: b };
    case 'group/4':
      return { kind: 'group', expedition, id: a };
    default:
      return null;
  }
}

/** What a member may do with a document of their expedition: everyone reads everything
 *  but `access` (the organiser's alone), and writes only what they own, plus the group's
 *  syntheses. */
export function permission(doc: SyncDocument, member: Member): Permission {
  switch (doc.kind) {
    case 'access':
      return member.role === 'organiser' ? 'write' : 'none';
    case 'structure':
      return member.role === 'organiser' ? 'write' : 'read';
    case 'participant':
    case 'note':
    case 'synthesis':
    case 'photo':
      return doc.participant === member.participant ? 'write' : 'read';
    case 'group':
      return 'write';
  }
}
