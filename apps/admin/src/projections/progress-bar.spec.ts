import { progressReporter } from './progress-bar';

/** A stream that is not a terminal, as in logs and CI: the reporter writes whole lines. */
function lines(): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY: false, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('progressReporter', () => {
  it('shows the events so far without a bar until the log is counted', () => {
    const { stream, written } = lines();

    progressReporter(stream)({ projection: 'audit', events: 5000, total: undefined, eventsPerSecond: 7082 });

    expect(written).toEqual(['audit 5,000 events 7,082 events/s\n']);
  });

  it('shows a bar and the share done once the log is counted, and the last line whatever the time', () => {
    const { stream, written } = lines();
    const report = progressReporter(stream);

    report({ projection: 'audit', events: 5000, total: 20000, eventsPerSecond: 7082 });
    report({ projection: 'audit', events: 20000, total: 20000, eventsPerSecond: 9000 });

    expect(written).toEqual([
      `audit [${'#'.repeat(8)}${'-'.repeat(22)}] 25% 5,000/20,000 events 7,082 events/s\n`,
      `audit [${'#'.repeat(30)}] 100% 20,000/20,000 events 9,000 events/s\n`,
    ]);
  });
});
