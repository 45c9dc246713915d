// The sync load run of issue 17, run in the participants' process (clientsProcess.ts): one
// real server in a process of its own, N participants here with their notes, the last of
// them offline for the first half, some typing in each half, and a newcomer at the end in
// a process of its own. Everything is on this machine, on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addParticipant, hashToken, newToken } from '../../src/shared/sync/access';
import { writeParticipants, writeStructure } from '../../src/renderer/sync/records';
import { EXPEDITION_ID } from '../corpus';
import { expedition, lessons, visits } from '../records';
import { makeNoteText } from '../searchPage/corpus';
import { seededRandom } from '../seededRandom';
import { log } from '../session';
import { participantNotes, participantOf, type SimNote } from './notes';
import { SimParticipant, type AwarenessMode, type ParticipantConfig } from './participant';
import { EditProbes, sameSnapshot, untilEqual } from './replicas';
import { forkChild } from './child';
import type { FromNewcomer, NewcomerResult, ToNewcomer } from './newcomerProcess';
import { forkServer, type ServerChild } from './serverChild';
import type { ServerUsage } from './serverProcess';

export interface SyncOptions {
  participants: number;
  notesEach: number;
  /** The last `offline` participants are offline for the first half. */
  offline: number;
  /** Each half's typing, seconds. */
  halfSeconds: number;
  /** Participants typing at once, in each half. */
  typists: number;
  awareness: AwarenessMode;
}

/** What the client process and the server did during a phase. */
export interface PhaseLoad {
  wallMs: number;
  serverCpuMs: number;
  clientCpuMs: number;
  /** The clients' event loop: how late a 10 ms timer ran (p50, p99, max), ms. */
  clientLoopDelayMs: { p50: number; p99: number; max: number };
  /** The clients' garbage collections: their pauses added up, and the longest, ms. */
  clientGcMs: { total: number; longest: number };
}

export interface SyncRun {
  options: SyncOptions;
  documents: { total: number; bodyUpdateBytes: { mean: number; max: number } };
  prepareMs: number;
  initialShare: { ms: number; missing: number; pairs: number; load: PhaseLoad };
  /** Why the run stopped before its end (a catch-up that did not finish), or null. */
  stopped: string | null;
  /** Null when the run stopped after the share. */
  edits: null | {
    firstHalf: number[];
    secondHalf: number[];
    keystrokes: { firstHalf: number; secondHalf: number; offline: number };
    unseen: number;
    notOpen: number;
    /** secondHalf null: the run stopped before it. */
    load: { firstHalf: PhaseLoad; secondHalf: PhaseLoad | null };
  };
  convergence: null | { ms: number; missing: number; pairs: number; strictlyEqual: { equal: number; checked: number }; load: PhaseLoad };
  newcomer: null | (NewcomerResult & { documents: number; load: PhaseLoad });
  /** null: the server did not answer in time. */
  server: { started: ServerUsage | null; shared: ServerUsage | null; converged: ServerUsage | null; withNewcomer: ServerUsage | null };
  clientHeapMB: number;
  refusals: string[];
}

/** How long each catch-up may take before the run reports what was missing. A share or a
 *  convergence that does not finish stops the run there: what follows needs it done, and
 *  a server that cannot do it in a minute is saturated — with awareness on every provider
 *  (--sync-awareness=every), a full run took ten minutes and met nothing (bench/README.md). */
const SHARE_TIMEOUT_MS = 60_000;
const CONVERGE_TIMEOUT_MS = 60_000;
const NEWCOMER_TIMEOUT_MS = 30_000;
/** How long typing's last keys may take to be seen before they are counted unseen. */
const PROBE_WAIT_MS = 5_000;
/** How long the server may take to answer for its memory. */
const USAGE_TIMEOUT_MS = 20_000;

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

/** Measures CPU, event-loop delay and GC pauses over a phase. */
async function measured<T>(server: ServerChild, run: () => Promise<T>): Promise<{ result: T; load: PhaseLoad }> {
  const serverBefore = server.cpuMs();
  const clientBefore = process.cpuUsage();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const pauses: number[] = [];
  const gcObserver = new PerformanceObserver((list) => pauses.push(...list.getEntries().map((entry) => entry.duration)));
  gcObserver.observe({ entryTypes: ['gc'] });
  loop.enable();
  const started = performance.now();
  const result = await run();
  const wallMs = performance.now() - started;
  loop.disable();
  gcObserver.disconnect();
  const clientCpu = process.cpuUsage(clientBefore);
  const serverAfter = server.cpuMs();
  return {
    result,
    load: {
      wallMs,
      serverCpuMs: serverAfter - serverBefore,
      clientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
      clientLoopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      clientGcMs: { total: sum(pauses), longest: Math.max(0, ...pauses) },
    },
  };
}

class NodeWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => undefined);
  }
}

const until = async (condition: () => boolean, what: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** The expedition registered as the organiser's app does: its access document written
 *  with the admin key, listing everyone invited (the newcomer too). */
async function register(server: ServerChild, invited: { id: string; name: string; token: string }[]): Promise<void> {
  const socket = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: NodeWebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: `carnet/${EXPEDITION_ID}/access`, token: server.adminKey, document: new Y.Doc() });
  provider.attach();
  try {
    await until(() => provider.isSynced, 'the access document', 10_000);
    for (const [i, { id, name, token }] of invited.entries())
      addParticipant(provider.document, { id, name, role: i === 0 ? 'organiser' : 'participant', tokenHash: await hashToken(token) });
    await until(() => provider.unsyncedChanges === 0, 'the access document to be saved', 10_000);
  } finally {
    provider.destroy();
    socket.destroy();
  }
}

interface Typist {
  participant: SimParticipant;
  note: SimNote;
  name: string;
  type: (text: string) => void;
  doc: Y.Doc;
  close: () => void;
  words: string[];
}

/** Types into each typist's open note, a key every 120–280 ms (about 5 keys a second, a
 *  fast note-taker), the note's record saved after each word as the autosave does. Each
 *  key is a probe when `probe` is given. Returns a function that stops and counts keys. */
function typeAway(
  typists: Typist[],
  next: () => number,
  probe: { probes: EditProbes; samples: number[]; observers: (typist: Typist) => SimParticipant[] } | null,
): () => number {
  let stopped = false;
  let keys = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  for (const typist of typists) {
    let word = '';
    const key = (): void => {
      if (stopped) return;
      if (word.length === 0) word = `${typist.words[Math.floor(next() * typist.words.length)]!} `;
      const char = word[0]!;
      word = word.slice(1);
      const startedAt = performance.now();
      typist.type(char);
      keys++;
      if (probe) probe.probes.track(typist.doc, typist.name, probe.observers(typist), startedAt, probe.samples);
      if (char === ' ') typist.participant.touchNote(typist.note.note);
      schedule();
    };
    const schedule = (): void => {
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          key();
        },
        120 + next() * 160,
      );
      timers.add(timer);
    };
    schedule();
  }
  return () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    return keys;
  };
}

function openTypists(participants: SimParticipant[], count: number, next: () => number): Typist[] {
  const chosen = [...participants].sort(() => next() - 0.5).slice(0, count);
  return chosen.map((participant) => {
    const notes = participant.ownNotes();
    const note = notes[Math.floor(next() * notes.length)]!;
    const { type, doc, close } = participant.openEditor(note.note.id);
    const words = makeNoteText(next).text.split(' ');
    return { participant, note, name: participant.name({ kind: 'note', participant: participant.id, id: note.note.id }), type, doc, close, words };
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every document of the expedition, by name, from its writer's own replica. */
function references(organiser: SimParticipant, owners: readonly SimParticipant[]): Map<string, Y.Doc> {
  const refs = new Map<string, Y.Doc>();
  const structure = organiser.name({ kind: 'structure' });
  refs.set(structure, organiser.docs.get(structure)!.doc);
  for (const owner of owners) {
    const own = owner.name({ kind: 'participant', participant: owner.id });
    refs.set(own, owner.docs.get(own)!.doc);
    for (const { note } of owner.ownNotes()) {
      const body = owner.name({ kind: 'note', participant: owner.id, id: note.id });
      refs.set(body, owner.docs.get(body)!.doc);
    }
  }
  return refs;
}

/** The newcomer, in its own process, joins with the participant's invitation. */
async function newcomerJoins(config: ParticipantConfig, refs: Map<string, Y.Doc>): Promise<NewcomerResult> {
  const child = forkChild<ToNewcomer, FromNewcomer>('newcomer', 'newcomerProcess.ts', []);
  try {
    await child.next('ready');
    const documents = [...refs].map(([name, doc]) => ({ name, state: Y.encodeStateAsUpdate(doc) }));
    const joined = child.next('joined');
    child.send({ type: 'join', config, documents, timeoutMs: NEWCOMER_TIMEOUT_MS });
    const { type: _type, ...result } = await joined;
    return result;
  } finally {
    child.kill();
  }
}

/** Deletions included (Y.snapshot), every replica against its reference. */
function strictlyEqual(refs: Map<string, Y.Doc>, participants: readonly SimParticipant[]): { equal: number; checked: number } {
  let equal = 0;
  let checked = 0;
  for (const participant of participants)
    for (const [name, reference] of refs) {
      checked++;
      const replica = participant.docs.get(name);
      if (replica && sameSnapshot(replica.doc, reference)) equal++;
    }
  return { equal, checked };
}

export async function runSyncScenario(options: SyncOptions): Promise<SyncRun> {
  const next = seededRandom(17);
  const prepareStarted = performance.now();
  log(`sync: ${options.participants} participants × ${options.notesEach} notes, converted and made Yjs documents`);
  const notes = Array.from({ length: options.participants }, (_, i) => participantNotes(i, options.notesEach));
  const bodySizes = notes.flat().map(({ body }) => body.length);
  const prepareMs = performance.now() - prepareStarted;

  const dataDir = mkdtempSync(join(tmpdir(), 'carnet-bench-sync-'));
  const server = await forkServer(dataDir);
  const participants: SimParticipant[] = [];
  const typists: Typist[] = [];
  try {
    const started = await server.usage(USAGE_TIMEOUT_MS);
    const invited = Array.from({ length: options.participants + 1 }, (_, i) => ({ ...participantOf(i), token: newToken() }));
    await register(server, invited);
    const configOf = (i: number): ParticipantConfig => ({
      url: server.url,
      expedition: EXPEDITION_ID,
      ...invited[i]!,
      organiser: i === 0,
      awareness: options.awareness,
    });
    for (let i = 0; i < options.participants; i++) participants.push(new SimParticipant(configOf(i)));
    const organiser = participants[0]!;
    const online = participants.slice(0, options.participants - options.offline);
    const offline = participants.slice(options.participants - options.offline);

    // The organiser's structure: the programme, and everyone invited by name. The offline
    // ones joined before the trip: they hold it, and nobody's notes yet.
    const structureName = organiser.name({ kind: 'structure' });
    organiser.start();
    const structure = organiser.docs.get(structureName)!.doc;
    writeStructure(structure, expedition(), visits(), lessons());
    writeParticipants(
      structure,
      invited.map(({ id, name }) => ({ id, name })),
    );
    for (const participant of offline) {
      participant.start();
      Y.applyUpdate(participant.docs.get(structureName)!.doc, Y.encodeStateAsUpdate(structure));
    }
    for (const participant of participants.slice(1)) participant.start();
    participants.forEach((participant, i) => participant.seedOwnNotes(notes[i]!));

    log(`sync: ${online.length} participants share their notes at once`);
    const share = await measured(server, async () => {
      for (const participant of online) participant.connect();
      return untilEqual(references(organiser, online), online, SHARE_TIMEOUT_MS);
    });
    log(`sync: shared in ${(share.result.ms / 1000).toFixed(1)} s${share.result.missing ? `, ${share.result.missing} replicas still missing` : ''}`);
    const shared = await server.usage(USAGE_TIMEOUT_MS);
    const base = {
      options,
      documents: { total: references(organiser, participants).size, bodyUpdateBytes: { mean: sum(bodySizes) / bodySizes.length, max: Math.max(...bodySizes) } },
      prepareMs,
      initialShare: { ...share.result, load: share.load },
    };
    const unfinished = (what: string, result: { ms: number; missing: number; pairs: number }): string =>
      `${what} did not finish: ${result.missing.toLocaleString('en')} of ${result.pairs.toLocaleString('en')} replicas missing after ${(result.ms / 1000).toFixed(0)} s`;
    if (share.result.missing > 0) {
      log('sync: stopped, the share did not finish');
      return {
        ...base,
        stopped: unfinished('the share', share.result),
        edits: null,
        convergence: null,
        newcomer: null,
        server: { started, shared, converged: null, withNewcomer: null },
        clientHeapMB: NaN,
        refusals: [],
      };
    }

    // First half: some of the online ones type, each key timed to every other online
    // participant; the offline ones type too, their edits waiting.
    const probes = new EditProbes();
    const firstHalf: number[] = [];
    const secondHalf: number[] = [];
    log(`sync: first half, ${options.halfSeconds} s: ${options.typists} typing online, ${offline.length} typing offline`);
    const half1 = await measured(server, async () => {
      const writers = openTypists(online, options.typists, next);
      const away = openTypists(offline, offline.length, next);
      typists.push(...writers, ...away);
      const stopOnline = typeAway(writers, next, { probes, samples: firstHalf, observers: (typist) => online.filter((p) => p !== typist.participant) });
      const stopOffline = typeAway(away, next, null);
      await sleep(options.halfSeconds * 1000);
      const keys = { online: stopOnline(), offline: stopOffline() };
      await until(() => probes.outstanding() === 0, 'the last edits to be seen', PROBE_WAIT_MS).catch(() => undefined);
      return keys;
    });
    const unseenFirst = probes.flush();

    log(`sync: the ${offline.length} offline participants return`);
    const allRefs = references(organiser, participants);
    const converge = await measured(server, async () => {
      for (const participant of offline) participant.connect();
      return untilEqual(allRefs, participants, CONVERGE_TIMEOUT_MS);
    });
    log(
      `sync: converged in ${(converge.result.ms / 1000).toFixed(1)} s${converge.result.missing ? `, ${converge.result.missing} replicas still missing` : ''}`,
    );
    const convergedEqual = strictlyEqual(allRefs, participants);
    const converged = await server.usage(USAGE_TIMEOUT_MS);
    const convergence = { ...converge.result, strictlyEqual: convergedEqual, load: converge.load };
    const firstHalfOnly = (): NonNullable<SyncRun['edits']> => ({
      firstHalf,
      secondHalf: [],
      keystrokes: { firstHalf: half1.result.online, secondHalf: 0, offline: half1.result.offline },
      unseen: unseenFirst.unseen,
      notOpen: probes.notOpen,
      load: { firstHalf: half1.load, secondHalf: null },
    });
    if (converge.result.missing > 0) {
      log('sync: stopped, the convergence did not finish');
      return {
        ...base,
        stopped: unfinished('the convergence', converge.result),
        edits: firstHalfOnly(),
        convergence,
        newcomer: null,
        server: { started, shared, converged, withNewcomer: null },
        clientHeapMB: NaN,
        refusals: participants.flatMap((participant) => participant.refusals).slice(0, 20),
      };
    }

    log(`sync: second half, ${options.halfSeconds} s: ${options.typists} typing among all ${participants.length}`);
    for (const typist of typists.splice(0)) typist.close();
    const half2 = await measured(server, async () => {
      const writers = openTypists(participants, options.typists, next);
      typists.push(...writers);
      const stop = typeAway(writers, next, { probes, samples: secondHalf, observers: (typist) => participants.filter((p) => p !== typist.participant) });
      await sleep(options.halfSeconds * 1000);
      const keys = stop();
      await until(() => probes.outstanding() === 0, 'the last edits to be seen', PROBE_WAIT_MS).catch(() => undefined);
      return keys;
    });
    const unseenSecond = probes.flush();
    for (const typist of typists.splice(0)) typist.close();

    // A newcomer, invited at the start, joins with an empty notebook, in its own process.
    const refs = references(organiser, participants);
    log(`sync: a newcomer joins (${refs.size.toLocaleString('en')} documents)`);
    const join = await measured(server, () => newcomerJoins(configOf(options.participants), refs));
    log(`sync: the newcomer synced in ${(join.result.ms / 1000).toFixed(2)} s${join.result.missing ? `, ${join.result.missing} documents still missing` : ''}`);
    const withNewcomer = await server.usage(USAGE_TIMEOUT_MS);

    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const clientHeapMB = process.memoryUsage().heapUsed / 1e6;
    return {
      ...base,
      stopped: null,
      edits: {
        firstHalf,
        secondHalf,
        keystrokes: { firstHalf: half1.result.online, secondHalf: half2.result, offline: half1.result.offline },
        unseen: unseenFirst.unseen + unseenSecond.unseen,
        notOpen: probes.notOpen,
        load: { firstHalf: half1.load, secondHalf: half2.load },
      },
      convergence,
      newcomer: { ...join.result, documents: refs.size, load: join.load },
      server: { started, shared, converged, withNewcomer },
      clientHeapMB,
      refusals: participants.flatMap((participant) => participant.refusals).slice(0, 20),
    };
  } finally {
    for (const typist of typists) typist.close();
    for (const participant of participants) participant.destroy();
    await server.close(10_000);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
