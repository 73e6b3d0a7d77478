import type { RebuildProgress } from '@app/platform';

const WIDTH = 30;

/**
 * Rebuild progress on stderr: a redrawn bar on a terminal, a line every few seconds otherwise
 * (logs and CI), so stdout stays clean for the result.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): (progress: RebuildProgress) => void {
  let lastLine = 0;
  return (progress) => {
    const fraction = progress.total > 0 ? Math.min(progress.events / progress.total, 1) : 1;
    const filled = Math.round(fraction * WIDTH);
    const text =
      `${progress.projection} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ` +
      `${Math.round(fraction * 100)}% ${progress.events.toLocaleString('en')}/${progress.total.toLocaleString('en')} events ` +
      `${progress.eventsPerSecond.toLocaleString('en')} events/s`;
    if (stream.isTTY) stream.write(`\r${text}`);
    else if (Date.now() - lastLine > 2_000 || progress.events >= progress.total) {
      lastLine = Date.now();
      stream.write(`${text}\n`);
    }
  };
}
