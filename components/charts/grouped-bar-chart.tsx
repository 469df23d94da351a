"use client";

/**
 * Two series side by side over the same categories (e.g. actual vs predicted), told apart by fill as well as
 * colour: the first solid, the second hatched with an outline, each bar with its value written above it.
 */
import { useId } from "react";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure, CHART_COLORS, plainBar, type ChartTable } from "./chart-figure";
import { labelNumber, useValueFormatter, type ValueFormat } from "./value-format";

type GroupedBarChartProps = {
  data: { label: string; first: number; second: number }[];
  firstLabel: string;
  secondLabel: string;
  /** What the categories are, written under the axis. */
  categoryAxisLabel: string;
  valueFormat: ValueFormat;
  summary: string;
  table: ChartTable;
  tableToggle: string;
  height?: number;
};

export function GroupedBarChart({ data, firstLabel, secondLabel, categoryAxisLabel, valueFormat, summary, table, tableToggle, height = 300 }: GroupedBarChartProps) {
  const { full, short } = useValueFormatter(valueFormat);
  const patternId = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  return (
    <ChartFigure
      summary={summary}
      legend={[
        { label: firstLabel, mark: "bar" },
        { label: secondLabel, mark: "hatched-bar" },
      ]}
      table={table}
      tableToggle={tableToggle}
    >
      <svg aria-hidden width="0" height="0" className="absolute">
        <defs>
          <HatchPattern id={patternId} />
        </defs>
      </svg>
      <BarChart data={data} responsive style={{ width: "100%", height }} margin={{ top: 24, right: 8, bottom: 20, left: 4 }} barGap={2} accessibilityLayer={false}>
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis
          dataKey="label"
          tick={{ fontSize: 11, fill: CHART_COLORS.text }}
          interval={0}
          label={{ value: categoryAxisLabel, position: "insideBottom", offset: -12, fontSize: 11, fill: CHART_COLORS.text }}
        />
        <YAxis tickFormatter={short} tick={{ fontSize: 11, fill: CHART_COLORS.text }} width={56} />
        <Tooltip formatter={(value, name) => [full(labelNumber(value)), name]} cursor={{ fill: "#f1f5f9" }} isAnimationActive={false} />
        <Bar dataKey="first" name={firstLabel} fill={CHART_COLORS.bar} shape={plainBar} isAnimationActive={false} maxBarSize={40}>
          <LabelList dataKey="first" position="top" formatter={(value) => full(labelNumber(value))} fontSize={10} fill={CHART_COLORS.text} />
        </Bar>
        <Bar dataKey="second" name={secondLabel} fill={`url(#${patternId})`} stroke={CHART_COLORS.line} strokeWidth={1.5} shape={plainBar} isAnimationActive={false} maxBarSize={40}>
          <LabelList dataKey="second" position="top" formatter={(value) => full(labelNumber(value))} fontSize={10} fill={CHART_COLORS.text} />
        </Bar>
      </BarChart>
    </ChartFigure>
  );
}

/** Diagonal dark lines on white: the "predicted" fill, distinct from a solid bar in greyscale and print. */
export function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#fff" />
      <line x1="0" y1="0" x2="0" y2="6" stroke={CHART_COLORS.line} strokeWidth="2" />
    </pattern>
  );
}
