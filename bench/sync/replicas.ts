// What the sync figures compare: a replica's state (each writer's clock, as in a state
// vector), whether replicas hold the same, and the edit probes — an edit's state at its
// writer, and when each other participant's replica first holds it.
import * as Y from 'yjs';
import type { SimParticipant } from './participant';

/** Each writer's next clock in the document: its state vector, without encoding it. */
export function stateOf(doc: Y.Doc): Map<number, number> {
  const state = new Map<number, number>();
  for (const client of doc.store.clients.keys()) state.set(client, Y.getState(doc.store, client));
  return state;
}

/** Whether `doc` holds at least everything of `target` (a stateOf). */
export function holds(doc: Y.Doc, target: Map<number, number>): boolean {
  for (const [client, clock] of target) if (Y.getState(doc.store, client) < clock) return false;
  return true;
}

/** The same writers and clocks: everything one replica has, the other has. Deletions are
 *  not in a state vector; every transaction of the run that deletes (a metadata record
 *  replaced) also inserts, so equal clocks mean equal content here — and `sameSnapshot`
 *  checks it, deletions included, once the run is quiet. */
export function sameState(doc: Y.Doc, reference: Y.Doc): boolean {
  if (doc.store.clients.size !== reference.store.clients.size) return false;
  for (const client of reference.store.clients.keys()) if (Y.getState(doc.store, client) !== Y.getState(reference.store, client)) return false;
  return true;
}

export function sameSnapshot(doc: Y.Doc, reference: Y.Doc): boolean {
  return Y.equalSnapshots(Y.snapshot(doc), Y.snapshot(reference));
}

/** Until every participant's replica of each reference document holds the same as the
 *  reference (its owner's replica), checked every `everyMs` — after a first full pass,
 *  only the replicas that changed since — : how long that took, and how many were still
 *  missing when `timeoutMs` ran out. The references must not change meanwhile. */
export async function untilEqual(
  references: Map<string, Y.Doc>,
  participants: readonly SimParticipant[],
  timeoutMs: number,
  everyMs = 25,
): Promise<{ ms: number; missing: number; pairs: number }> {
  const started = performance.now();
  const pending = new Map<SimParticipant, Set<string>>();
  for (const participant of participants) {
    participant.takeChanged();
    const names = new Set<string>();
    for (const [name, reference] of references) {
      const replica = participant.docs.get(name);
      if (!replica || !sameState(replica.doc, reference)) names.add(name);
    }
    pending.set(participant, names);
  }
  const pairs = participants.length * references.size;
  for (;;) {
    let missing = 0;
    for (const [participant, names] of pending) {
      for (const name of participant.takeChanged()) {
        const reference = references.get(name);
        if (reference && names.has(name) && sameState(participant.docs.get(name)!.doc, reference)) names.delete(name);
      }
      missing += names.size;
    }
    const ms = performance.now() - started;
    if (missing === 0 || ms > timeoutMs) return { ms, missing, pairs };
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

interface Probe {
  target: Map<number, number>;
  startedAt: number;
  samples: number[];
}

/** Edits timed from the writer's keystroke to each other participant's replica holding
 *  it (its doc's 'update' event, where the provider applies what the server relayed). */
export class EditProbes {
  private readonly pending = new Map<Y.Doc, Probe[]>();
  /** Observers that had not opened the document when it was edited. */
  notOpen = 0;

  /** Call right after the edit, with `startedAt` taken right before it. */
  track(writerDoc: Y.Doc, name: string, observers: readonly SimParticipant[], startedAt: number, samples: number[]): void {
    const target = stateOf(writerDoc);
    for (const observer of observers) {
      const replica = observer.docs.get(name);
      if (!replica) {
        this.notOpen++;
        continue;
      }
      let probes = this.pending.get(replica.doc);
      if (!probes) {
        probes = [];
        this.pending.set(replica.doc, probes);
        const list = probes;
        replica.doc.on('update', () => {
          if (list.length === 0) return;
          const now = performance.now();
          let kept = 0;
          for (const probe of list) {
            if (holds(replica.doc, probe.target)) probe.samples.push(now - probe.startedAt);
            else list[kept++] = probe;
          }
          list.length = kept;
        });
      }
      probes.push({ target, startedAt, samples });
    }
  }

  /** Probes not seen yet: each counted with the time it has waited so far (a lower
   *  bound of its latency), and forgotten. */
  flush(): { unseen: number; waitedMs: number[] } {
    const now = performance.now();
    const waitedMs: number[] = [];
    for (const probes of this.pending.values()) {
      for (const probe of probes) {
        waitedMs.push(now - probe.startedAt);
        probe.samples.push(now - probe.startedAt);
      }
      probes.length = 0;
    }
    return { unseen: waitedMs.length, waitedMs };
  }

  outstanding(): number {
    let count = 0;
    for (const probes of this.pending.values()) count += probes.length;
    return count;
  }
}
