// The sync status in words, in both languages: one change or several, and a refusal
// with its reason.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { syncStatusText } from '../../src/renderer/features/sharing/syncStatusText';

describe('syncStatusText', () => {
  it('counts the changes waiting offline, in the singular and the plural', () => {
    const fr = i18next.getFixedT('fr');
    const en = i18next.getFixedT('en');
    expect(syncStatusText(fr, { connection: 'offline', waiting: 1 })).toBe('Hors ligne — 1 modification en attente');
    expect(syncStatusText(fr, { connection: 'offline', waiting: 3 })).toBe('Hors ligne — 3 modifications en attente');
    expect(syncStatusText(en, { connection: 'offline', waiting: 1 })).toBe('Offline — 1 change waiting');
    expect(syncStatusText(en, { connection: 'offline', waiting: 2 })).toBe('Offline — 2 changes waiting');
    expect(syncStatusText(en, { connection: 'refused', waiting: 0, reason: 'revoked' })).toBe('Error: your invitation was revoked');
  });
});
