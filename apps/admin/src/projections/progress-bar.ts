import type { RebuildProgress } from '@app/platform';

const WIDTH = 30;

/**
 * Rebuild progress on stderr: a redrawn bar on a terminal, a line every few seconds otherwise
 * (logs and CI), so stdout stays clean for the result.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): (progress: RebuildProgress) => void {
  let lastLine = 0;
  return (progress) => {
    const { total } = progress;
    const rate = `${progress.eventsPerSecond.toLocaleString('en')} events/s`;
    let text: string;
    if (total === undefined) {
      // Until the log is counted (beside the replay): the events so far, without a bar.
      text = `${progress.projection} ${progress.events.toLocaleString('en')} events ${rate}`;
    } else {
      const fraction = total > 0 ? Math.min(progress.events / total, 1) : 1;
      const filled = Math.round(fraction * WIDTH);
      text =
        `${progress.projection} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ` +
        `${Math.round(fraction * 100)}% ${progress.events.toLocaleString('en')}/${total.toLocaleString('en')} events ${rate}`;
    }
    if (stream.isTTY) stream.write(`\r${text}`);
    else if (Date.now() - lastLine > 2_000 || (total !== undefined && progress.events >= total)) {
      lastLine = Date.now();
      stream.write(`${text}\n`);
    }
  };
}
