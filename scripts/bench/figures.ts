/** What every benchmark reports: one line per figure in `npm run bench`, with its target when it has one. */
export type Figure = { name: string; value: number; unit: string; target?: string; meetsTarget?: boolean };

export function formatFigure(figure: Figure): string {
  const verdict = figure.meetsTarget === undefined ? "" : figure.meetsTarget ? "  ✓" : "  ✗ over target";
  const target = figure.target ? `  (target ${figure.target} ${figure.unit})` : "";
  return `${figure.name.padEnd(58)} ${String(figure.value).padStart(10)} ${figure.unit}${target}${verdict}`;
}
