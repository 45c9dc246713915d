// jsdom lacks layout: Lexical asks for rectangles when it scrolls the selection into view.
import '@testing-library/react';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../../src/renderer/i18n/en';
import { fr } from '../../src/renderer/i18n/fr';

const emptyRect = (): DOMRect => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) });
Range.prototype.getBoundingClientRect = emptyRect;
// …and for event classes jsdom does not have, which its paste handler tests against.
for (const name of ['DragEvent', 'ClipboardEvent'] as const) {
  if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value: class extends Event {} });
}
Range.prototype.getClientRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;

await i18next.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: 'fr',
  interpolation: { escapeValue: false },
});
