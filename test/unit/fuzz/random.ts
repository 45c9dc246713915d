// The fuzzer's randomness: every input is made from its own generator, seeded from the
// run's seed and the input's index, so that one input can be made again alone (replay)
// without making the ones before it.
import { seededRandom } from '../../../bench/seededRandom';

export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** The generator of input `index` of a run seeded with `seed`. */
  static forInput(seed: number, index: number): Random {
    return new Random(Math.imul(seed ^ 0x5bd1e995, 0x01000193) ^ Math.imul(index + 1, 0x9e3779b1));
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A count from 1 to `max`, small counts more likely (log-uniform): most inputs are
   *  small, a few are as large as a class allows. */
  count(max: number): number {
    return Math.max(1, Math.min(max, Math.floor(Math.exp(this.next() * Math.log(max + 1)))));
  }
}
