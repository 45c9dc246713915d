// One search result: the note's title (or first line), a passage around the match with the
// matched words marked, and where and when it was written.
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../shared/model';
import { formatDateTime } from '../../i18n';
import { noteLabel } from '../../../shared/editor/derive';
import { useLocale } from '../../i18n/useLocale';
import { isMine, useSharing } from '../sharing/SharingProvider';
import { highlight, snippet, wordMatcher, type Segment } from './highlight';
import type { FoundNote } from './useNoteSearch';

interface Props {
  id: string;
  entry: FoundNote;
  queryWords: string[];
  visit: Visit | undefined;
  timeZone: string;
  selected: boolean;
  onOpen: () => void;
}

function Marked({ segments }: { segments: Segment[] }): JSX.Element {
  return <>{segments.map((segment, at) => (segment.marked ? <mark key={at}>{segment.text}</mark> : segment.text))}</>;
}

export function SearchResult({ id, entry, queryWords, visit, timeZone, selected, onOpen }: Props): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const { share } = useSharing();
  const { note, hit } = entry;
  const isMatch = wordMatcher(hit.words, queryWords);
  const title = noteLabel(note, t('notes.untitled'));
  const passage = snippet(note.title.trim() ? note.text : note.text.slice(title.length), isMatch);
  return (
    <li id={id} role="option" aria-selected={selected} className="search-result" onClick={onOpen}>
      <span className="search-result-title">
        <Marked segments={highlight(title, isMatch)} />
      </span>
      {passage && (
        <span className="search-result-snippet">
          <Marked segments={highlight(passage, isMatch)} />
        </span>
      )}
      <span className="search-result-meta">
        <span className={`kind kind-${note.kind}`}>{t(`notes.kinds.${note.kind}`)}</span> {visit?.title ?? ''} ·{' '}
        {formatDateTime(note.createdAt, locale, timeZone)}
        {!isMine(note, share) && <span className="note-author"> · {note.author}</span>}
      </span>
    </li>
  );
}
