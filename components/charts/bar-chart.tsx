"use client";

/**
 * One series as bars, each with its value written on it, so the chart reads without colour or a tooltip.
 * Columns for ordered categories (bins, months), rows for named ones (segments) so long names fit.
 */
import { Bar, BarChart as RechartsBarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure, CHART_COLORS, plainBar, type ChartTable } from "./chart-figure";
import { labelNumber, useValueFormatter, type ValueFormat } from "./value-format";

type BarChartProps = {
  data: { label: string; value: number }[];
  valueFormat: ValueFormat;
  seriesLabel: string;
  summary: string;
  table: ChartTable;
  tableToggle: string;
  layout?: "columns" | "rows";
  height?: number;
};

export function BarChart({ data, valueFormat, seriesLabel, summary, table, tableToggle, layout = "columns", height }: BarChartProps) {
  const { full, short } = useValueFormatter(valueFormat);
  const isRows = layout === "rows";
  const chartHeight = height ?? (isRows ? Math.max(120, data.length * 30 + 40) : 280);
  const longestLabel = data.reduce((longest, item) => Math.max(longest, item.label.length), 0);
  const isCrowded = data.length > 6;
  return (
    <ChartFigure summary={summary} legend={[{ label: seriesLabel, mark: "bar" }]} table={table} tableToggle={tableToggle}>
      <RechartsBarChart
        data={data}
        layout={isRows ? "vertical" : "horizontal"}
        responsive
        style={{ width: "100%", height: chartHeight }}
        margin={isRows ? { top: 4, right: 88, bottom: 4, left: 4 } : { top: 24, right: 8, bottom: 4, left: 4 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={isRows} horizontal={!isRows} />
        {isRows ? (
          <>
            <XAxis type="number" tickFormatter={short} tick={{ fontSize: 11, fill: CHART_COLORS.text }} allowDecimals={false} />
            <YAxis type="category" dataKey="label" width={Math.min(220, 20 + longestLabel * 7)} tick={{ fontSize: 12, fill: CHART_COLORS.text }} interval={0} />
          </>
        ) : (
          <>
            {/* Every category named; slanted when there are many, so none is skipped. */}
            <XAxis
              type="category"
              dataKey="label"
              tick={{ fontSize: 11, fill: CHART_COLORS.text }}
              interval={0}
              {...(isCrowded ? { angle: -35, textAnchor: "end", height: 56 } : {})}
            />
            <YAxis type="number" tickFormatter={short} tick={{ fontSize: 11, fill: CHART_COLORS.text }} width={64} allowDecimals={false} />
          </>
        )}
        <Tooltip formatter={(value) => [full(labelNumber(value)), seriesLabel]} cursor={{ fill: "#f1f5f9" }} isAnimationActive={false} />
        <Bar dataKey="value" name={seriesLabel} fill={CHART_COLORS.bar} shape={plainBar} isAnimationActive={false} maxBarSize={isRows ? 22 : 56}>
          <LabelList dataKey="value" position={isRows ? "right" : "top"} formatter={(value) => (isRows ? full(labelNumber(value)) : short(labelNumber(value)))} fontSize={11} fill={CHART_COLORS.text} />
        </Bar>
      </RechartsBarChart>
    </ChartFigure>
  );
}
