// Where a shared expedition's sync server is, and the invitations that let a participant
// join it: a link (`carnet://join?…`), the same as a code to paste, and a QR code of the
// link. What a participant pastes is checked here before anything is stored or dialled.
import { SYNC_ID } from './documents';

/** A sync server's origin as the CSP may name it: ws: or wss:, a host, a port if any;
 *  null for anything else (other schemes, credentials, a path, characters a CSP would
 *  read as another source). */
export function parseSyncOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return null;
  if (parsed.username || parsed.password || parsed.search || parsed.hash || (parsed.pathname !== '/' && parsed.pathname !== '')) return null;
  if (!/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(parsed.hostname)) return null;
  return parsed.origin;
}

export interface Invitation {
  /** The sync server, `ws://host:port` or `wss://host`. */
  server: string;
  expedition: string;
  participant: string;
  /** The participant's name as the organiser wrote it: the author of their notes. */
  name: string;
  token: string;
}

/** What is wrong with a pasted invitation, as the join form says it. */
export type InvitationProblem = 'empty' | 'unreadable' | 'server';

export const INVITATION_LINK_PREFIX = 'carnet://join?';
const CODE_PREFIX = 'CARNET-';
/** A token as Carnet makes them (newToken: 32 bytes, base64url): exactly this long, so that
 *  an invitation cut short — its token comes last — is told as such, not sent to the server. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const MAX_NAME = 200;

export function invitationLink(invitation: Invitation): string {
  const { server, expedition, participant, name, token } = invitation;
  return INVITATION_LINK_PREFIX + new URLSearchParams({ server, expedition, participant, name, token }).toString();
}

/** The link's query, base64url: one word that survives being pasted into any chat. */
export function invitationCode(invitation: Invitation): string {
  const query = invitationLink(invitation).slice(INVITATION_LINK_PREFIX.length);
  const bytes = new TextEncoder().encode(query);
  return (
    CODE_PREFIX +
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')
  );
}

/** A link or a code as the participant pasted it (spaces and line breaks around and
 *  inside are forgiven), or what is wrong with it. */
export function parseInvitation(pasted: string): { ok: true; invitation: Invitation } | { ok: false; problem: InvitationProblem } {
  const text = pasted.replace(/\s+/g, '');
  if (text === '') return { ok: false, problem: 'empty' };
  let query: string | null = null;
  if (text.startsWith(INVITATION_LINK_PREFIX)) query = text.slice(INVITATION_LINK_PREFIX.length);
  else if (text.toUpperCase().startsWith(CODE_PREFIX)) query = decodeCode(text.slice(CODE_PREFIX.length));
  if (query === null) return { ok: false, problem: 'unreadable' };
  const params = new URLSearchParams(query);
  const [server, expedition, participant, name, token] = ['server', 'expedition', 'participant', 'name', 'token'].map((key) => params.get(key) ?? '');
  if (!SYNC_ID.test(expedition ?? '') || !SYNC_ID.test(participant ?? '') || !TOKEN.test(token ?? '') || (name ?? '').length > MAX_NAME) {
    return { ok: false, problem: 'unreadable' };
  }
  const origin = parseSyncOrigin(server ?? '');
  if (!origin) return { ok: false, problem: 'server' };
  return {
    ok: true,
    invitation: { server: origin, expedition: expedition ?? '', participant: participant ?? '', name: (name ?? '').trim(), token: token ?? '' },
  };
}

function decodeCode(code: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(code)) return null;
  try {
    const binary = atob(code.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return null;
  }
}
