import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { registerNotePolicies } from '../../../shared/editor/policies';

/** Hashtag highlighting and the link allowlist, shared with headless conversion. */
export function NotePoliciesPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerNotePolicies(editor), [editor]);
  return null;
}
