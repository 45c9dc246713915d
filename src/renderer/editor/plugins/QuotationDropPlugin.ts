// A quotation dragged from a lesson's evidence onto the synthesis lands after the block it
// was dropped on, whole (text and back reference), rather than as whatever HTML the
// browser would make of it.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNearestNodeFromDOMNode, COMMAND_PRIORITY_HIGH, DROP_COMMAND } from 'lexical';
import { useEffect } from 'react';
import { $insertQuotation, quotationIn } from '../quotation';

export function QuotationDropPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        DROP_COMMAND,
        (event) => {
          const quotation = quotationIn(event.dataTransfer);
          if (!quotation) return false;
          event.preventDefault();
          const target = event.target instanceof Node ? event.target : null;
          editor.update(() => {
            const block = target ? ($getNearestNodeFromDOMNode(target)?.getTopLevelElement() ?? null) : null;
            $insertQuotation(quotation, block);
          });
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  return null;
}
