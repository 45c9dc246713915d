// Regenerates test/fixtures/sample.carnet: the sample expedition (with two photos,
// linked passages and a synthesis) as a Carnet backup, for the CLI, the import and the
// tests. Run: npx tsx scripts/make-sample-carnet.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeBackup } from '../src/main/backup/write';
import { AttachmentStore } from '../src/main/export/attachments';
import { buildSampleRecords, SAMPLE_NOW } from '../test/fixtures/sampleRecords';

const out = resolve(__dirname, '../test/fixtures/sample.carnet');

async function main(): Promise<void> {
  const { records, attachments } = await buildSampleRecords();
  const dir = await mkdtemp(join(tmpdir(), 'carnet-sample-'));
  try {
    const store = new AttachmentStore(dir);
    for (const { meta, original, display } of attachments) {
      await store.write(meta, 'original', original);
      if (display) await store.write(meta, 'display', display);
    }
    await writeBackup({ records, store, appVersion: '0.1.0', now: new Date(SAMPLE_NOW) }, out, new AbortController().signal);
    console.log(`wrote ${out}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
