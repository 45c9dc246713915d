// An invitation link the system opened Carnet with (carnet://join?…): taken from main at
// start, and again whenever main says one arrived while Carnet runs. The join dialog then
// opens with it, checked as if it had been pasted.
import { useEffect, useState } from 'react';
import { carnet } from '../../platform';

export function useInvitationLink(): { link: string | null; dismiss: () => void } {
  const [link, setLink] = useState<string | null>(null);
  useEffect(() => {
    const take = (): void =>
      void carnet()
        .takeInvitationLink()
        .then((result) => {
          if (result.ok && result.value !== null) setLink(result.value);
        });
    take();
    return carnet().onMenuCommand((command) => {
      if (command === 'openInvitation') take();
    });
  }, []);
  return { link, dismiss: () => setLink(null) };
}
