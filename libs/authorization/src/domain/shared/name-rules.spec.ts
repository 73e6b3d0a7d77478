import { characterCount, nameProblem } from './name-rules';

describe('characterCount', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['zażółć', 6],
    ['😀😀', 2],
  ])('counts %j as %i characters', (text, count) => {
    expect(characterCount(text)).toBe(count);
  });
});

describe('nameProblem', () => {
  it.each([['a'], ['Support'], ['zażółć'], ['x'.repeat(10)], ['😀'.repeat(10)]])('accepts %j within 10 characters', (name) => {
    expect(nameProblem(name, 10)).toBeUndefined();
  });

  it.each<[unknown, string]>([
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
    ['x'.repeat(11), 'must be at most 10 characters'],
    ['😀'.repeat(11), 'must be at most 10 characters'],
    ['line\nbreak', 'must not contain control characters'],
    ['nul\u0000', 'must not contain control characters'],
    [42, 'must be a string'],
    [undefined, 'must be a string'],
  ])('refuses %j: %s', (name, problem) => {
    expect(nameProblem(name, 10)).toBe(problem);
  });
});
