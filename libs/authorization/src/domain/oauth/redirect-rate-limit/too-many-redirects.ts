/** compat.md "Authorize": 3 redirects in 30 s per client per account; the next is `too_many_redirects`. */
export const REDIRECTS_PER_WINDOW = 3;
export const REDIRECT_WINDOW_MS = 30_000;

/**
 * Whether one more redirect for a client and an account, at `now` (ms since the epoch), would be
 * refused with `invalid_request` / `too_many_redirects`. `previousRedirectTimes` are the times of
 * the redirects already made to that client for that account.
 *
 * The window is the 30 s before `now`, excluding its start: a redirect exactly 30 000 ms ago no
 * longer counts, one 29 999 ms ago does. With 3 redirects in the window the 4th is refused; the
 * 3rd is still allowed. Times after `now` (another process's clock ahead of ours) count as recent.
 * Only redirects actually made should be recorded: a refused attempt does not extend the wait.
 */
export function tooManyRedirects(previousRedirectTimes: readonly number[], now: number): boolean {
  const windowStart = now - REDIRECT_WINDOW_MS;
  return previousRedirectTimes.filter((time) => time > windowStart).length >= REDIRECTS_PER_WINDOW;
}
