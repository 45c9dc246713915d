// The newcomer in a process of its own, as on a laptop of its own: the participants' process
// (a heap of some GB, 30 replicas of everything) would otherwise slow its catch-up down with
// work and garbage collections that are not its own. Sent the documents' states as their
// writers hold them, it joins and times how long until it holds the same, then measures
// the floor (those states applied to new Y.Docs and encoded, no socket, no server) and
// reads its bodies back as the app's read model would.
import * as Y from 'yjs';
import { docToNoteState } from '../../src/shared/editor/noteBodyDoc';
import { toParent } from './child';
import { SimParticipant, type ParticipantConfig } from './participant';
import { sameSnapshot, untilEqual } from './replicas';

export type ToNewcomer = { type: 'join'; config: ParticipantConfig; documents: { name: string; state: Uint8Array }[]; timeoutMs: number };

export interface NewcomerResult {
  ms: number;
  /** This process's CPU time meanwhile: the newcomer's own share of the work. */
  cpuMs: number;
  missing: number;
  strictlyEqual: { equal: number; checked: number };
  floorMs: number;
  readModelMs: number;
  /** This process's heap after a full GC, the references let go: one client holding the
   *  whole expedition. */
  heapMB: number;
}

export type FromNewcomer = { type: 'ready' } | ({ type: 'joined' } & NewcomerResult);

async function join({ config, documents, timeoutMs }: ToNewcomer): Promise<NewcomerResult> {
  // The writers' states, to compare with (and Yjs's code warmed up by reading them).
  const references = new Map<string, Y.Doc>();
  for (const { name, state } of documents) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    references.set(name, doc);
  }

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const newcomer = new SimParticipant(config);
  newcomer.start();
  newcomer.connect();
  const synced = await untilEqual(references, [newcomer], timeoutMs, 10);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);

  let equal = 0;
  for (const [name, reference] of references) {
    const replica = newcomer.docs.get(name);
    if (replica && sameSnapshot(replica.doc, reference)) equal++;
  }
  const strictlyEqual = { equal, checked: references.size };

  // The floor: what the server (encoding each state) and the client (applying it) cannot
  // do without, here in one process, no socket.
  const floorStarted = performance.now();
  for (const { state } of documents) Y.encodeStateAsUpdate(applied(state));
  const floorMs = performance.now() - floorStarted;

  references.clear();
  (globalThis as { gc?: () => void }).gc?.();
  const heapMB = process.memoryUsage().heapUsed / 1e6;
  const readStarted = performance.now();
  for (const [name, replica] of newcomer.docs) if (name.includes('/note/')) docToNoteState(replica.doc);
  const readModelMs = performance.now() - readStarted;
  newcomer.destroy();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, missing: synced.missing, strictlyEqual, floorMs, readModelMs, heapMB };
}

function applied(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

process.on('message', (message: ToNewcomer) => {
  if (message.type !== 'join') return;
  join(message).then(
    (result) => {
      void toParent<FromNewcomer>({ type: 'joined', ...result }).then(() => process.exit(0));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
void toParent<FromNewcomer>({ type: 'ready' });
