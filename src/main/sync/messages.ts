// Reading a client's message before Hocuspocus applies it: the server must know whether
// it writes (to journal it, or to refuse it) and must refuse a malformed one whole,
// before any of it reaches a document. Hocuspocus's framing (lib0 variable-length
// integers and strings): document name, message type, then the type's payload.
import * as Y from 'yjs';

/** Hocuspocus's message types that a client may send (@hocuspocus/server MessageType);
 *  stateless messages, which Carnet does not use, are refused with the unknown ones. */
const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const QUERY_AWARENESS = 3;
const SYNC_REPLY = 4;
const CLOSE = 7;

/** y-protocols' sync steps. */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

const AUTH_TOKEN = 0;

export type ClientMessage =
  /** An update to apply (sync step 2 or an update); `empty` when it carries no change. */
  | { kind: 'update'; update: Uint8Array; empty: boolean }
  /** Anything that changes no document: a state vector, awareness, a token, a close. */
  | { kind: 'other' };

export class MalformedMessage extends Error {}

export function readClientMessage(data: Uint8Array): ClientMessage {
  const reader = new Reader(data);
  reader.string(); // the document name, which Hocuspocus has matched already
  const type = reader.uint();
  let message: ClientMessage = { kind: 'other' };
  switch (type) {
    case SYNC:
    case SYNC_REPLY: {
      const step = reader.uint();
      const payload = reader.bytes();
      if (step === SYNC_STEP_1) decode(() => Y.decodeStateVector(payload));
      else if (step === SYNC_STEP_2 || step === SYNC_UPDATE) message = { kind: 'update', update: payload, empty: isEmptyUpdate(payload) };
      else throw new MalformedMessage(`unknown sync step ${step}`);
      break;
    }
    case AWARENESS:
      readAwareness(new Reader(reader.bytes()));
      break;
    case AUTH:
      if (reader.uint() !== AUTH_TOKEN) throw new MalformedMessage('unexpected authentication message');
      reader.string();
      break;
    case QUERY_AWARENESS:
    case CLOSE:
      break;
    default:
      throw new MalformedMessage(`message type ${type} is not accepted`);
  }
  if (!reader.done()) throw new MalformedMessage('trailing bytes after the message');
  return message;
}

/** Reads every struct and the delete set, as applying the update would: a malformed
 *  update throws here, before it is journaled or applied. */
function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = decode(() => Y.decodeUpdate(update));
  return structs.length === 0 && ds.clients.size === 0;
}

/** y-protocols' awareness update: entries of client id, clock and a JSON state. */
function readAwareness(reader: Reader): void {
  for (let count = reader.uint(); count > 0; count--) {
    reader.uint();
    reader.uint();
    decode(() => JSON.parse(reader.string()) as unknown);
  }
  if (!reader.done()) throw new MalformedMessage('trailing bytes in an awareness update');
}

function decode<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof MalformedMessage) throw error;
    // Cut short: a parser's message may quote the content.
    throw new MalformedMessage(`undecodable content (${(error instanceof Error ? error.message : String(error)).slice(0, 200)})`);
  }
}

/** lib0's decoding, bounds checked: a length past the end is malformed, not a crash. */
class Reader {
  private position = 0;
  constructor(private readonly data: Uint8Array) {}

  uint(): number {
    let value = 0;
    for (let shift = 1; ; shift *= 128) {
      if (this.position >= this.data.length) throw new MalformedMessage('unexpected end of message');
      const byte = this.data[this.position++] ?? 0;
      value += (byte & 0x7f) * shift;
      if (value > Number.MAX_SAFE_INTEGER) throw new MalformedMessage('integer out of range');
      if (byte < 0x80) return value;
    }
  }

  bytes(): Uint8Array {
    const length = this.uint();
    if (length > this.data.length - this.position) throw new MalformedMessage('unexpected end of message');
    const bytes = this.data.subarray(this.position, this.position + length);
    this.position += length;
    return bytes;
  }

  string(): string {
    return decode(() => new TextDecoder('utf-8', { fatal: true }).decode(this.bytes()));
  }

  done(): boolean {
    return this.position === this.data.length;
  }
}
