import { timelineProgress } from './timeline-progress';

describe('timelineProgress', () => {
  it('shows the events read, and the log size once it is counted', async () => {
    const written: string[] = [];
    const stream = { write: (text: string) => written.push(text) } as unknown as NodeJS.WritableStream;
    const report = timelineProgress(stream, 0);
    // A line needs some time since the last one (here none) and gives a rate over the time so far.
    await new Promise((resolve) => setTimeout(resolve, 5));

    report({ events: 100, total: undefined, matched: 7 });
    report({ events: 200, total: 1500, matched: 9 });

    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^audit: 100 events, 7 shown, [\d,]+ events\/s\n$/);
    expect(written[1]).toMatch(/^audit: 200\/1,500 events, 9 shown, [\d,]+ events\/s\n$/);
  });
});
