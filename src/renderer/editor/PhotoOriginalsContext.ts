import { createContext, useContext } from 'react';
import type { SyncSession } from '../sync/session';
import type { SharedParticipant } from '../sync/records';

/** In a shared expedition, what a photo's view needs to offer others' originals: where
 *  each stands, asking for one, and the participants to name its author. */
export interface PhotoOriginals {
  session: Pick<SyncSession, 'originalState' | 'watchOriginals' | 'requestOriginal'>;
  members: SharedParticipant[];
}

export const PhotoOriginalsContext = createContext<PhotoOriginals | null>(null);

export function usePhotoOriginals(): PhotoOriginals | null {
  return useContext(PhotoOriginalsContext);
}
