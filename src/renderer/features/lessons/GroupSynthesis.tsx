// In a shared expedition, the group's synthesis of a lesson: one text every participant
// writes at once, live, with the others' cursors and names shown where they type. It
// lives in the session's document (renderer/sync/session.ts); the notebook keeps a copy
// for the journal, written as it changes.
import { useCallback, useEffect, useMemo, useState, type JSX, type RefObject } from 'react';
import type { LexicalEditor } from 'lexical';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Lesson } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { NoteEditor } from '../../editor/NoteEditor';
import type { Presence } from '../../editor/plugins/NoteDocPlugin';
import { applyGroupSynthesis } from '../../sync/readModel';
import { useSharing } from '../sharing/SharingProvider';

interface Props {
  lesson: Lesson;
  /** The editor, once open, for quotations sent from the evidence. */
  editorRef: RefObject<LexicalEditor | null>;
}

export function GroupSynthesis({ lesson, editorRef }: Props): JSX.Element | null {
  const { t } = useTranslation();
  const { session, share, members } = useSharing();
  const live = share && share.expeditionId === lesson.expeditionId ? session : null;
  const [opened, setOpened] = useState<{ lessonId: string; doc: Y.Doc; presence: Presence['awareness'] } | null>(null);
  useEffect(() => {
    if (!live) return;
    let current = true;
    live.groupSynthesis(lesson.id).then(
      ({ doc, awareness }) => current && setOpened({ lessonId: lesson.id, doc, presence: awareness }),
      (error: unknown) => console.error('[carnet] group synthesis', error),
    );
    return () => {
      current = false;
    };
  }, [live, lesson.id]);
  const name = share?.name;
  const participantId = share?.participantId;
  // Participants in the order the organiser lists them, each a colour of their own (up to
  // eight), the same on every screen.
  const rank = members.findIndex((member) => member.id === participantId);
  const presence = useMemo<Presence | null>(
    () =>
      opened && name !== undefined && participantId
        ? { awareness: opened.presence, name, color: CURSOR_COLOURS[Math.max(rank, 0) % CURSOR_COLOURS.length]! }
        : null,
    [opened, name, participantId, rank],
  );
  const save = useCallback((json: string) => applyGroupSynthesis(db(), lesson.expeditionId, lesson.id, json), [lesson.expeditionId, lesson.id]);
  if (!live) return null;
  return (
    <section className="synthesis group-synthesis" aria-label={t('lessons.groupSynthesis')}>
      <h3>{t('lessons.groupSynthesis')}</h3>
      <p className="hint">{t('lessons.groupSynthesisHint')}</p>
      <div className="synthesis-editor">
        {opened?.lessonId === lesson.id && presence ? (
          <NoteEditor
            key={lesson.id}
            initialState=""
            doc={opened.doc}
            presence={presence}
            save={save}
            label={t('lessons.groupSynthesis')}
            editorRef={editorRef}
            quotations
          />
        ) : (
          <p className="empty">…</p>
        )}
      </div>
    </section>
  );
}

/** Cursor colours that read on the paper background. */
const CURSOR_COLOURS = ['#b3261e', '#1d6b43', '#1f4e9c', '#8a4f00', '#6b3fa0', '#00695c', '#a0325f', '#4d5b00'];
