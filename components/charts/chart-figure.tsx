import { useId, type ReactNode } from "react";

/** The numbers behind a chart, as text already written in the reader's locale. */
export type ChartTable = {
  caption: string;
  headers: string[];
  rows: string[][];
  /** Columns holding numbers, aligned right; all but the first when not given. */
  numericColumns?: number[];
};

export type LegendItem = { label: string; mark: "bar" | "hatched-bar" };

/**
 * A chart as a figure that works without sight of it and without colour: the drawing is one image with a
 * summary for its accessible name, the legend is text with a sample of each mark (solid or hatched bar), and
 * the same numbers are in a table behind a disclosure.
 */
export function ChartFigure({ summary, legend, table, tableToggle, children }: { summary: string; legend: LegendItem[]; table: ChartTable; tableToggle: string; children: ReactNode }) {
  const numeric = new Set(table.numericColumns ?? table.headers.map((_, index) => index).slice(1));
  return (
    <figure className="space-y-2">
      <div role="img" aria-label={summary} className="w-full">
        {children}
      </div>
      <figcaption>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
          {legend.map((item) => (
            <li key={item.label} className="flex items-center gap-1.5">
              <LegendMark mark={item.mark} />
              {item.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700 hover:underline">{tableToggle}</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{table.caption}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                {table.headers.map((header, index) => (
                  <th key={header} scope="col" className={`px-2 py-1.5 font-semibold ${numeric.has(index) ? "text-right" : "text-left"}`}>
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {table.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, index) =>
                    index === 0 ? (
                      <th key={index} scope="row" className="px-2 py-1 text-left font-normal">
                        {cell}
                      </th>
                    ) : (
                      <td key={index} className={`px-2 py-1 ${numeric.has(index) ? "text-right tabular-nums" : ""}`}>
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

export const CHART_COLORS = { bar: "var(--color-brand-600)", line: "#0f172a", grid: "#e2e8f0", text: "#334155" } as const;

function LegendMark({ mark }: { mark: LegendItem["mark"] }) {
  const patternId = `legend-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  if (mark === "bar") {
    return (
      <svg aria-hidden width="14" height="14" viewBox="0 0 14 14">
        <rect x="1" y="1" width="12" height="12" fill={CHART_COLORS.bar} />
      </svg>
    );
  }
  return (
    <svg aria-hidden width="14" height="14" viewBox="0 0 14 14">
      <defs>
        <pattern id={patternId} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" fill="#fff" />
          <line x1="0" y1="0" x2="0" y2="4" stroke={CHART_COLORS.line} strokeWidth="1.5" />
        </pattern>
      </defs>
      <rect x="1" y="1" width="12" height="12" fill={`url(#${patternId})`} stroke={CHART_COLORS.line} strokeWidth="1.5" />
    </svg>
  );
}

type BarShape = { x?: number; y?: number; width?: number; height?: number; fill?: string; stroke?: string; strokeWidth?: number | string };

/**
 * A bar as a plain rectangle. Passed as a custom `shape`, it makes recharts keep bars of zero length, so their
 * value label ("0") is still written: an empty bin reads as zero, not as missing.
 */
export function plainBar({ x = 0, y = 0, width = 0, height = 0, fill, stroke, strokeWidth }: BarShape) {
  if (!width || !height) return <g />;
  return <rect x={x} y={y} width={width} height={height} fill={fill} stroke={stroke} strokeWidth={strokeWidth} />;
}
