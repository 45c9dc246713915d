// Sharing an expedition for the first time (docs/sharing.md, "Registering an
// expedition"): the organiser's app opens the expedition's access document with the
// server's admin key, lists the organiser with a token of their own, and waits until the
// server has kept it. From then on the organiser connects with that token.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { addParticipant, hashToken, newToken } from '../../shared/sync/access';
import { documentName } from '../../shared/sync/documents';
import type { ShareConfig } from './session';

export interface Registration {
  url: string;
  adminKey: string;
  expeditionId: string;
  /** The organiser's name: the author of their notes. */
  name: string;
}

/** `unreachable`: no answer from the server in time; otherwise the server's reason
 *  (`unknown-token` for a wrong admin key, `access-exists` for an expedition already
 *  shared, …). */
export type RegistrationResult = { ok: true; config: ShareConfig } | { ok: false; reason: string };

const ANSWER_WITHIN_MS = 10_000;

export async function registerExpedition(registration: Registration, options: { WebSocketPolyfill?: unknown } = {}): Promise<RegistrationResult> {
  const { url, adminKey, expeditionId, name } = registration;
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url,
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill as typeof WebSocket } : {}),
  });
  let provider: HocuspocusProvider | null = null;
  try {
    return await new Promise<RegistrationResult>((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, reason: 'unreachable' }), ANSWER_WITHIN_MS);
      const settle = (result: RegistrationResult): void => {
        clearTimeout(timer);
        resolve(result);
      };
      // One failed try is enough to tell the organiser the server does not answer.
      socket.on('close', () => settle({ ok: false, reason: 'unreachable' }));
      provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: documentName({ kind: 'access', expedition: expeditionId }),
        token: adminKey,
        document: doc,
        onAuthenticationFailed: ({ reason }) => settle({ ok: false, reason }),
        onSynced: () => {
          const token = newToken();
          const participantId = `o-${newToken().slice(0, 12)}`;
          void hashToken(token).then((tokenHash) => {
            addParticipant(doc, { id: participantId, name, role: 'organiser', tokenHash });
            // Kept once the server acknowledges the update (its journal is flushed).
            const kept = (): void => {
              if (provider?.unsyncedChanges === 0) settle({ ok: true, config: { url, expeditionId, participantId, role: 'organiser', token, name } });
            };
            provider?.on('unsyncedChanges', kept);
            kept();
          });
        },
      });
      provider.attach();
    });
  } finally {
    (provider as HocuspocusProvider | null)?.destroy();
    socket.destroy();
    doc.destroy();
  }
}
