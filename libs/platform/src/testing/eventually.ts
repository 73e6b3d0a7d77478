/**
 * Reads until `accepted` holds or `timeoutMs` passes, and returns the last value read for the
 * caller to assert: a test waits for what happens in the background (a read held back for a
 * moment, a batch being prepared) without a fixed sleep, and still fails when it never happens.
 */
export async function eventually<T>(read: () => T | Promise<T>, accepted: (value: T) => boolean, timeoutMs = 10_000, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accepted(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
