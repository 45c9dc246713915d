// Undo after a pause takes back the whole burst typed, also right after a #tag (the space
// that ends the tag used to stay behind as an undo step of its own).
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness } from './harness';
import { openSample } from './onboarding';

afterAll(stopHarness);
const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Texte de la note' });

describe('walk: undo after a pause', () => {
  it('undoes " fin" typed after a pause, after a word and after a #tag', async () => {
    const session = await launchCarnet();
    const { page } = session;
    await openSample(page, 'Camille');
    const seen: Record<string, string> = {};
    for (const before of ['Idée : un mot', 'Idée : #pneumatique']) {
      await page.keyboard.press('Control+Shift+N');
      await expect.poll(() => editorOf(page).evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type(before, { delay: 40 });
      await page.waitForTimeout(700);
      await page.keyboard.type(' fin', { delay: 40 });
      await page.waitForTimeout(700);
      await page.keyboard.press('Control+KeyZ');
      seen[before] = JSON.stringify(await editorOf(page).innerText());
    }
    console.info(JSON.stringify(seen));
    expect(seen).toEqual({ 'Idée : un mot': '"Idée : un mot"', 'Idée : #pneumatique': '"Idée : #pneumatique"' });
    await session.close();
  });
});
