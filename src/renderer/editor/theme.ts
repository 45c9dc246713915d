// Class names Lexical puts on what it renders; styled in styles.css.
import type { EditorThemeClasses } from 'lexical';

export const noteTheme: EditorThemeClasses = {
  paragraph: 'Carnet__paragraph',
  heading: { h1: 'Carnet__h1', h2: 'Carnet__h2', h3: 'Carnet__h3', h4: 'Carnet__h3', h5: 'Carnet__h3', h6: 'Carnet__h3' },
  quote: 'Carnet__quote',
  list: {
    ul: 'Carnet__ul',
    ol: 'Carnet__ol',
    listitem: 'Carnet__listItem',
    listitemChecked: 'Carnet__listItemChecked',
    listitemUnchecked: 'Carnet__listItemUnchecked',
    nested: { listitem: 'Carnet__nestedListItem' },
    checklist: 'Carnet__checklist',
  },
  link: 'Carnet__link',
  hashtag: 'Carnet__hashtag',
  mark: 'Carnet__mark',
  image: 'Carnet__image',
  text: {
    bold: 'Carnet__bold',
    italic: 'Carnet__italic',
    underline: 'Carnet__underline',
    strikethrough: 'Carnet__strikethrough',
    code: 'Carnet__code',
  },
};
