// Invitation links (carnet://join?…) the system hands to Carnet: on the command line of
// its first launch or of a second one (Windows, Linux), or by the open-url event (macOS).
// Main keeps the last one until the renderer takes it (a link can arrive before the
// window has loaded); the renderer checks it in full, as if it had been pasted.
import { INVITATION_LINK_PREFIX } from '../shared/sync/invitation';

/** The scheme Carnet asks the system to open with it. */
export const INVITATION_SCHEME = 'carnet';

/** Longer than any invitation Carnet writes (a server address, ids, a name and a token). */
const MAX_LINK_LENGTH = 4096;

export function isInvitationLink(candidate: unknown): candidate is string {
  return typeof candidate === 'string' && candidate.startsWith(INVITATION_LINK_PREFIX) && candidate.length <= MAX_LINK_LENGTH;
}

/** The invitation link among a process's arguments, if any. */
export function invitationLinkIn(argv: readonly string[]): string | null {
  return argv.find(isInvitationLink) ?? null;
}

export class InvitationInbox {
  private pending: string | null = null;

  /** Keeps `candidate` if it is an invitation link; tells whether it was one. */
  receive(candidate: unknown): boolean {
    if (!isInvitationLink(candidate)) return false;
    this.pending = candidate;
    return true;
  }

  /** The link received last, once. */
  take(): string | null {
    const link = this.pending;
    this.pending = null;
    return link;
  }
}
