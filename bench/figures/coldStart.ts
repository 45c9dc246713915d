// Cold start: a new tab (a new renderer process, responses served no-store) from
// navigation start to the frame after the note editor first shows the long note ready for
// typing. Its limit: a blank page of the same origin, to its first frame after `load`, in
// a new tab too — the browser's own cost of a tab, a process and a navigation.
import { LONG_NOTE_WORDS, RUNS } from '../options';
import { blankTab, closeApp, instrumentsOf, ms, openApp, type Context } from '../session';
import { limitBeside, summary, type Figure } from '../stats';

export async function coldStart(ctx: Context): Promise<Figure> {
  const app: number[] = [];
  const blank: number[] = [];
  for (let i = 0; i < Math.max(RUNS, 5); i++) {
    // Interleaved, so that both see the same moments of the machine's load.
    const b = await blankTab(ctx);
    blank.push((await instrumentsOf(b)).loaded!);
    await b.close();
    await closeApp(ctx);
    const page = await openApp(ctx);
    app.push((await instrumentsOf(page)).editorReady!);
    ctx.appPage = page;
  }
  const value = summary(app);
  return {
    id: 'coldStart',
    label: 'cold start: navigation to a note ready for typing',
    unit: 's',
    target: '≤ 1.0 s',
    pass: value.median <= 1000,
    value,
    limit: limitBeside(value, { label: 'blank page', value: summary(blank), at: 'median', kind: 'times', bound: 15 }),
    detail: { samplesMs: app.map(ms), blankMs: blank.map(ms), note: `the ${LONG_NOTE_WORDS}-word note of a visit of ${ctx.seeded.listCount} notes` },
  };
}
