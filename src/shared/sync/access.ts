// The access document (`carnet/<e>/access`): who may connect to an expedition, and with
// which token. The organiser's app writes it; the server reads it to decide, and writes
// `lastSeen`. Tokens are never stored, only their SHA-256.
import * as Y from 'yjs';
import { SYNC_ID, type Role } from './documents';

/** The Y.Map of the access document: participant id → Y.Map of a ParticipantEntry's fields. */
export const PARTICIPANTS = 'participants';

export interface ParticipantEntry {
  id: string;
  name: string;
  role: Role;
  /** Lowercase hex SHA-256 of the participant's token (hashToken). */
  tokenHash: string;
  revoked: boolean;
  /** Milliseconds since the epoch, written by the server; 0 before the first connection. */
  lastSeen: number;
}

/** A lowercase hex SHA-256, as sha256Hex writes it. */
export const HEX_SHA256 = /^[0-9a-f]{64}$/;

export function participantsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(PARTICIPANTS);
}

/** The participant stored under `id`, or null when there is none or its entry is not
 *  well formed. An entry whose `revoked` is anything but `false` counts as revoked. */
export function readParticipant(doc: Y.Doc, id: string): ParticipantEntry | null {
  const entry = participantsOf(doc).get(id);
  if (!(entry instanceof Y.Map) || !SYNC_ID.test(id)) return null;
  const name = entry.get('name');
  const role = entry.get('role');
  const tokenHash = entry.get('tokenHash');
  const lastSeen = entry.get('lastSeen');
  if (typeof tokenHash !== 'string' || !HEX_SHA256.test(tokenHash)) return null;
  if (role !== 'organiser' && role !== 'participant') return null;
  return {
    id,
    name: typeof name === 'string' ? name : '',
    role,
    tokenHash,
    revoked: entry.get('revoked') !== false,
    lastSeen: typeof lastSeen === 'number' ? lastSeen : 0,
  };
}

export function listParticipants(doc: Y.Doc): ParticipantEntry[] {
  return [...participantsOf(doc).keys()].flatMap((id) => readParticipant(doc, id) ?? []);
}

/** The participant holding the token of this hash; null if none, or if several entries
 *  share it (a mistake the server will not guess its way out of). */
export function findByTokenHash(doc: Y.Doc, tokenHash: string): ParticipantEntry | null {
  const found = listParticipants(doc).filter((entry) => entry.tokenHash === tokenHash);
  return found.length === 1 ? (found[0] ?? null) : null;
}

/** Adds (or replaces) a participant, not revoked, in one transaction. */
export function addParticipant(doc: Y.Doc, entry: Pick<ParticipantEntry, 'id' | 'name' | 'role' | 'tokenHash'>): void {
  if (!SYNC_ID.test(entry.id)) throw new Error(`invalid participant id "${entry.id}"`);
  if (!HEX_SHA256.test(entry.tokenHash)) throw new Error('tokenHash must be 64 lowercase hex digits (hashToken)');
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('name', entry.name);
    map.set('role', entry.role);
    map.set('tokenHash', entry.tokenHash);
    map.set('revoked', false);
    map.set('lastSeen', 0);
    participantsOf(doc).set(entry.id, map);
  });
}

export function revokeParticipant(doc: Y.Doc, id: string): void {
  participantsOf(doc).get(id)?.set('revoked', true);
}

/** A new token: 32 random bytes, base64url. */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The lowercase hex SHA-256 of a token's UTF-8 bytes: what the access document stores. */
export function hashToken(token: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(token));
}

/** The lowercase hex SHA-256 of some bytes (a token's, a photo's). */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
