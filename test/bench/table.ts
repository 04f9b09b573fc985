// The figures of `npm run bench` as one plain-text table, each beside its baseline and its goal.

export interface Row {
  figure: string;
  measured: string;
  baseline: string;
  goal: string;
  /** undefined: the goal is not a number to check ("near raw"). */
  met: boolean | undefined;
}

export function figureTable(rows: readonly Row[]): string {
  const header = ['figure', 'measured', 'baseline (same run)', 'goal', 'met'];
  const lines = rows.map((r) => [r.figure, r.measured, r.baseline, r.goal, r.met === undefined ? '-' : r.met ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(format)].join('\n');
}
