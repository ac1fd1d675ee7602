/**
 * An open-addressing hash table from a pair of small non-negative integers (two 1-gram ids) to a
 * non-negative integer (the 2-gram's feature id). Scoring looks 2-grams up by the ids of their
 * tokens instead of building a "a b" string per adjacent pair: same answer, no allocation.
 */
export class PairTable {
  private readonly firsts: Int32Array;
  private readonly seconds: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  private count = 0;

  /** Room for `capacity` pairs at a load factor of at most one half. */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.firsts = new Int32Array(size).fill(-1);
    this.seconds = new Int32Array(size);
    this.values = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  private slot(a: number, b: number): number {
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
    h ^= h >>> 15;
    let i = h & this.mask;
    while (this.firsts[i] !== -1 && (this.firsts[i] !== a || this.seconds[i] !== b)) i = (i + 1) & this.mask;
    return i;
  }

  set(a: number, b: number, value: number): void {
    const i = this.slot(a, b);
    if (this.firsts[i] === -1) {
      if ((this.count + 1) * 2 > this.firsts.length) throw new Error("PairTable is full");
      this.count++;
    }
    this.firsts[i] = a;
    this.seconds[i] = b;
    this.values[i] = value;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    const i = this.slot(a, b);
    return this.firsts[i] === -1 ? -1 : (this.values[i] as number);
  }
}
