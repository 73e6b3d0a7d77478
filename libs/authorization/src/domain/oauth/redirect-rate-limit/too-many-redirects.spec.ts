import { REDIRECT_WINDOW_MS, REDIRECTS_PER_WINDOW, tooManyRedirects } from './too-many-redirects';

const NOW = 1_772_352_000_000;
const ago = (ms: number) => NOW - ms;

describe('tooManyRedirects', () => {
  it('allows 3 redirects in 30 seconds', () => {
    expect(REDIRECTS_PER_WINDOW).toBe(3);
    expect(REDIRECT_WINDOW_MS).toBe(30_000);
  });

  it.each<[string, boolean, number[]]>([
    ['the first redirect', false, []],
    ['the second', false, [ago(1_000)]],
    ['the third', false, [ago(2_000), ago(1_000)]],
    ['the fourth within 30 s', true, [ago(3_000), ago(2_000), ago(1_000)]],
    ['the fourth at the same millisecond as the others', true, [NOW, NOW, NOW]],
    ['the fourth when the oldest is 29 999 ms old', true, [ago(29_999), ago(2_000), ago(1_000)]],
    ['the fourth when the oldest is exactly 30 000 ms old', false, [ago(30_000), ago(2_000), ago(1_000)]],
    ['the fourth when the oldest is 30 001 ms old', false, [ago(30_001), ago(2_000), ago(1_000)]],
    ['many old redirects and two recent ones', false, [ago(300_000), ago(90_000), ago(31_000), ago(30_000), ago(5_000), ago(1)]],
    ['many old redirects and three recent ones', true, [ago(300_000), ago(90_000), ago(29_000), ago(5_000), ago(1)]],
    ['unordered times', true, [ago(1), ago(40_000), ago(10_000), ago(20_000)]],
    ['redirects stamped slightly in the future by another clock', true, [NOW + 500, ago(1_000), ago(2_000)]],
  ])('%s -> refused: %s', (_case, refused, previous) => {
    expect(tooManyRedirects(previous, NOW)).toBe(refused);
  });

  it('allows again once the oldest of the three leaves the window', () => {
    const previous = [ago(10_000), ago(5_000), ago(1_000)];
    expect(tooManyRedirects(previous, NOW)).toBe(true);
    expect(tooManyRedirects(previous, NOW + 19_999)).toBe(true);
    expect(tooManyRedirects(previous, NOW + 20_000)).toBe(false);
  });
});
