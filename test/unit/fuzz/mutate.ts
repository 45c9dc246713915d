// Random mutations of a sample file: truncated, bytes flipped, slices repeated, moved or
// cut, lines repeated, and hostile tokens put anywhere. One to four of them at a time,
// the result kept under `maxBytes`.
import type { Random } from './random';

type Mutation = (random: Random, bytes: Uint8Array, tokens: readonly string[], maxBytes: number) => Uint8Array;

const encoder = new TextEncoder();

/** A slice [start, end) of `length`. */
function span(random: Random, length: number): [number, number] {
  const start = random.int(0, length);
  return [start, random.int(start, Math.min(length, start + random.count(4096)))];
}

const MUTATIONS: Record<string, Mutation> = {
  truncate: (random, bytes) => bytes.subarray(0, random.int(0, bytes.length)),
  flipBytes: (random, bytes) => {
    const copy = bytes.slice();
    for (let n = random.count(16); n > 0 && copy.length > 0; n--) copy[random.int(0, copy.length - 1)] = random.int(0, 255);
    return copy;
  },
  repeatSlice: (random, bytes, _tokens, maxBytes) => {
    const [start, end] = span(random, bytes.length);
    const slice = bytes.subarray(start, end);
    const times = Math.min(random.count(2000), Math.floor(maxBytes / Math.max(1, slice.length)));
    return concat(bytes.subarray(0, end), ...Array.from({ length: times }, () => slice), bytes.subarray(end));
  },
  moveSlice: (random, bytes) => {
    const [start, end] = span(random, bytes.length);
    const rest = concat(bytes.subarray(0, start), bytes.subarray(end));
    const at = random.int(0, rest.length);
    return concat(rest.subarray(0, at), bytes.subarray(start, end), rest.subarray(at));
  },
  cutSlice: (random, bytes) => {
    const [start, end] = span(random, bytes.length);
    return concat(bytes.subarray(0, start), bytes.subarray(end));
  },
  repeatLine: (random, bytes, _tokens, maxBytes) => {
    const lines = splitLines(bytes);
    const line = random.int(0, lines.length - 1);
    const times = Math.min(random.count(20_000), Math.floor(maxBytes / Math.max(1, lines[line]!.length)));
    return concat(...lines.slice(0, line + 1), ...Array.from({ length: times }, () => lines[line]!), ...lines.slice(line + 1));
  },
  insertToken: (random, bytes, tokens) => {
    const at = random.int(0, bytes.length);
    const token = encoder.encode(random.pick(tokens).repeat(random.chance(0.2) ? random.count(10_000) : 1));
    return concat(bytes.subarray(0, at), token, bytes.subarray(at));
  },
};

/** `original` changed by one to four random mutations. */
export function mutate(random: Random, original: Uint8Array, tokens: readonly string[], maxBytes = 2 * 1024 * 1024): Uint8Array {
  let bytes = original;
  for (let n = random.int(1, 4); n > 0; n--) {
    bytes = random.pick(Object.values(MUTATIONS))(random, bytes, tokens, maxBytes);
    if (bytes.length > maxBytes) bytes = bytes.subarray(0, maxBytes);
  }
  return bytes;
}

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  lines.push(bytes.subarray(start));
  return lines;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
