import type { BenchResult } from './result';

const figure = (value: number): string =>
  Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en') : value.toLocaleString('en', { maximumFractionDigits: 2 });

/** One Markdown table of results: the suite prints it, and the README carries the last one. */
export function resultsTable(results: readonly BenchResult[]): string {
  const rows = results.map((row) => [
    row.id,
    row.name,
    row.size,
    `${figure(row.value)} ${row.unit}`,
    `${figure(row.floor)} ${row.unit}`,
    `${row.ratio < 0.1 ? row.ratio.toFixed(3) : row.ratio.toFixed(2)}×`,
    `${row.target.kind === 'min' ? '≥' : '≤'} ${row.target.bound}${row.target.of === 'value' ? ` ${row.unit}` : '×'}`,
    row.pass ? 'met' : 'missed',
  ]);
  const header = ['#', 'Benchmark', 'Size', 'Engine', 'Floor', 'Ratio', 'Target', ''];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
