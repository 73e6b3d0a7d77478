export interface Bar {
  readonly label: string;
  readonly value: number;
  /** The value the bar should reach (drawn as a tick). */
  readonly target: number;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A small horizontal bar chart of ratios with a target tick per bar; plain SVG, no dependency. */
export function ratioChart(title: string, bars: readonly Bar[]): string {
  const labelWidth = 260;
  const plotWidth = 380;
  const rowHeight = 28;
  const top = 36;
  const max = Math.max(1.2, ...bars.map((b) => Math.max(b.value, b.target))) * 1.1;
  const x = (value: number) => labelWidth + (Math.max(0, value) / max) * plotWidth;
  const height = top + bars.length * rowHeight + 30;
  const rows = bars.map((bar, i) => {
    const y = top + i * rowHeight;
    const met = bar.value >= bar.target;
    return [
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escape(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${(x(bar.value) - labelWidth).toFixed(1)}" height="18" fill="${met ? '#2e7d32' : '#c62828'}"/>`,
      `<line x1="${x(bar.target).toFixed(1)}" y1="${y + 1}" x2="${x(bar.target).toFixed(1)}" y2="${y + 25}" stroke="#000" stroke-dasharray="3,2"/>`,
      `<text x="${(x(bar.value) + 6).toFixed(1)}" y="${y + 17}">${bar.value.toFixed(2)}x</text>`,
    ].join('');
  });
  const axis = [0, 0.5, 1, 1.5, 2, 3, 4].filter((v) => v <= max).map((v) => `<text x="${x(v).toFixed(1)}" y="${height - 8}" text-anchor="middle" fill="#555">${v}x</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + plotWidth + 70}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<text x="8" y="20" font-weight="bold">${escape(title)}</text>`,
    ...rows,
    ...axis,
    '</svg>',
    '',
  ].join('\n');
}
