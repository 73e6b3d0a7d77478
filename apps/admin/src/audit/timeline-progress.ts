import type { TimelineProgress } from '@app/audit';

/**
 * Progress on stderr every few seconds once a replay runs long, so stdout stays the timeline
 * alone (pipe it, grep it, load the JSON lines).
 */
export function timelineProgress(stream: NodeJS.WritableStream = process.stderr, everyMs = 2_000): (progress: TimelineProgress) => void {
  const started = Date.now();
  let last = started;
  return ({ events, total, matched }) => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    const rate = Math.round(events / ((now - started) / 1000));
    // The total once the log is counted (beside the replay).
    const of = total === undefined ? '' : `/${total.toLocaleString('en')}`;
    stream.write(`audit: ${events.toLocaleString('en')}${of} events, ${matched.toLocaleString('en')} shown, ${rate.toLocaleString('en')} events/s\n`);
  };
}
