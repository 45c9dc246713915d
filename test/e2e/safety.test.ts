// Data safety in the running app: a database that cannot be opened is reported, not
// replaced by an empty notebook, and nothing stored is touched.
import { afterAll, describe, expect, it } from 'vitest';
import { BLANK_PATH, HOST_ORIGIN, launchCarnet, stopHarness } from './harness';

afterAll(stopHarness);

describe('storage that cannot be opened', () => {
  it('says so in the user’s language and leaves the database as it was', async () => {
    const first = await launchCarnet();
    // Leave the app (which holds the database open) for another page of the same origin.
    await first.page.goto(`${HOST_ORIGIN}${BLANK_PATH}`);
    // A database from a newer Carnet (schema version far ahead): this one cannot open it.
    await first.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          indexedDB.deleteDatabase('carnet').onsuccess = () => {
            const request = indexedDB.open('carnet', 9999);
            request.onupgradeneeded = () => request.result.createObjectStore('notes', { keyPath: 'id' }).put({ id: 'futur', text: 'note du futur' });
            request.onsuccess = () => {
              request.result.close();
              resolve();
            };
          };
        }),
    );
    await first.close();

    const session = await launchCarnet({ profileDir: first.profileDir });
    const { page } = session;
    await page.getByRole('heading', { name: 'Vos notes ne peuvent pas être ouvertes' }).waitFor();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/version plus récente de Carnet.*rien n’a été modifié/);
    const kept = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const request = indexedDB.open('carnet');
          request.onsuccess = () => {
            const get = request.result.transaction('notes').objectStore('notes').get('futur');
            get.onsuccess = () => resolve(`${request.result.version} ${get.result.text}`);
          };
        }),
    );
    expect(kept).toBe('9999 note du futur');
    await session.close();
  });
});
