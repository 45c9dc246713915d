// Open a note: a click on an item of the visit's list to the frame after the editor holds
// that note. No limit beside it: the issue names none, and no bare page does the same
// work (read a record, build an editor state, draw it) for a ratio to mean something.
// Beside the durations, the main-thread CPU time an open costs on average (Linux).
import { appOnLongNote, ms, profiled, rendererCpuDuring, type Context } from '../session';
import { summary, type Figure } from '../stats';

export async function openNote(ctx: Context): Promise<Figure> {
  const page = await appOnLongNote(ctx);
  const count = 40;
  const { result: samples, cpuMs } = await rendererCpuDuring(ctx, () =>
    profiled(ctx, page, 'openNote', () =>
      page.evaluate(async (count) => {
        const items = [...document.querySelectorAll<HTMLElement>('.note-list .note-item')];
        const out: number[] = [];
        const frame = () => new Promise<number>((done) => requestAnimationFrame(() => done(performance.now())));
        for (let i = 1; i <= count && i < items.length; i++) {
          const item = items[((i * 7) % (items.length - 1)) + 1]!;
          const before = document.querySelector('.editor-input')?.textContent ?? '';
          await frame();
          const t0 = performance.now();
          item.click();
          await new Promise<void>((done) => {
            const check = () => {
              const editor = document.querySelector('.editor-input[contenteditable="true"]');
              const text = editor?.textContent ?? '';
              if (text.length > 50 && text !== before && item.getAttribute('aria-current') === 'true') {
                observer.disconnect();
                done();
              }
            };
            const observer = new MutationObserver(check);
            observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
            check();
          });
          out.push((await frame()) - t0);
        }
        return out;
      }, count),
    ),
  );
  const value = summary(samples.slice(3)); // the first opens warm up the code paths
  return {
    id: 'openNote',
    label: 'open a note from the list (click → note painted)',
    unit: 'ms',
    target: 'p95 ≤ 50 ms',
    pass: value.p95 <= 50,
    value,
    detail: {
      samplesMs: samples.map(ms),
      listLength: ctx.seeded.listCount,
      mainThreadCpuMsPerOpen: cpuMs === null ? 'not readable here' : ms(cpuMs / samples.length),
    },
  };
}
