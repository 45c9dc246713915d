// Ctrl/Cmd+click on a link opens it in the system browser through main, which checks the
// scheme again. A plain click only places the cursor, as in any editor.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { isAllowedUrl } from '../../../shared/urls';
import { carnet } from '../../platform';

export function LinkOpenPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const onClick = (event: MouseEvent): void => {
      const anchor = (event.target as Element | null)?.closest?.('a');
      if (!anchor) return;
      event.preventDefault();
      const href = anchor.getAttribute('href') ?? '';
      if ((event.ctrlKey || event.metaKey) && isAllowedUrl(href)) void carnet().openExternal({ url: href });
    };
    return editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick);
      root?.addEventListener('click', onClick);
    });
  }, [editor]);
  return null;
}
