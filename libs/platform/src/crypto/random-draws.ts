import { randomFillSync } from 'node:crypto';

/**
 * Random values of one size from the system's CSPRNG, drawn many at a time: a call per value cost
 * more than what the values were for (sealing, hashing). Each part of a draw is handed out once,
 * as a buffer of its own, and wiped in the draw as it goes, so the process keeps no copy of a
 * value it handed out.
 */
export class RandomDraws {
  private drawn = Buffer.alloc(0);
  private next = 0;

  constructor(
    private readonly bytes: number,
    private readonly perDraw: number,
  ) {}

  take(): Buffer {
    if (this.next + this.bytes > this.drawn.length) {
      this.drawn = randomFillSync(Buffer.alloc(this.bytes * this.perDraw));
      this.next = 0;
    }
    const part = this.drawn.subarray(this.next, this.next + this.bytes);
    this.next += this.bytes;
    const value = Buffer.from(part);
    part.fill(0);
    return value;
  }
}
