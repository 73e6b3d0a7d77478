import { RandomDraws } from './random-draws';

describe('RandomDraws', () => {
  it('hands out values of its size, never the same twice, across many draws', () => {
    const draws = new RandomDraws(16, 8);
    const values = Array.from({ length: 200 }, () => draws.take());
    for (const value of values) expect(value).toHaveLength(16);
    expect(new Set(values.map((value) => value.toString('hex'))).size).toBe(200);
    expect(values.filter((value) => value.equals(Buffer.alloc(16)))).toEqual([]);
  });

  it('gives each value a buffer of its own: changing one leaves the next as it was', () => {
    const draws = new RandomDraws(32, 4);
    const first = draws.take();
    const second = draws.take();
    const copy = Buffer.from(second);
    first.fill(0);
    expect(second.equals(copy)).toBe(true);
  });
});
