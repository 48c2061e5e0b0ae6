/**
 * The charts of 进度总览, built on ECharts' core with only the bar and line charts and the
 * components they use (grid, tooltip, mark line, legend, aria), drawn as SVG. This module is
 * imported lazily by the rollup page only, so no other page carries the chart library.
 *
 * The figures come from the API as they are: completion fractions and the expected progress as
 * decimal strings, lagging as the API's flag. Nothing here decides what lags.
 */

import type { BarSeriesOption, LineSeriesOption } from "echarts/charts";
import { BarChart, LineChart } from "echarts/charts";
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from "echarts/components";
import { type ComposeOption, type EChartsType, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  MarkLineComponent,
  LegendComponent,
  AriaComponent,
  SVGRenderer,
]);

type Option = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | AriaComponentOption
>;

const BRAND = "#1f4e8c";
const BAD = "#b42318";
const MARK = "#8a5300";
const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

export interface CompletionBar {
  unit: string;
  /** the API's completion fraction ("1.0832"), null when there is none */
  completion: string | null;
  lagging: boolean;
  actual: string;
  target: string;
}

export interface CompletionChart {
  title: string;
  bars: CompletionBar[];
  /** the line to compare with: the expected progress fraction (时序进度) or the target (1) */
  reference: { fraction: string; label: string };
}

/** a round number (1, 1.2, 1.5, 2, … × a power of ten) at least `value` */
function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const percent = (fraction: string | null) =>
  fraction === null ? null : Number((Number(fraction) * 100).toFixed(2));

/** What every chart here has: its screen-reader description, the page's Chinese font, no animation. */
function commonOption(description: string): Option {
  return {
    aria: { enabled: true, label: { description } },
    textStyle: { fontFamily: FONT },
    animation: false,
  };
}

function mount(el: HTMLElement, previous: EChartsType | undefined): EChartsType {
  if (previous && !previous.isDisposed() && previous.getDom() === el) return previous;
  previous?.dispose();
  return init(el, undefined, { renderer: "svg" });
}

/** Each unit's completion as a bar, lagging bars red and labelled ▼滞后, the reference as a line. */
export function drawCompletion(el: HTMLElement, chart: CompletionChart, previous?: EChartsType): EChartsType {
  const instance = mount(el, previous);
  const option: Option = {
    ...commonOption(`${chart.title}柱状图`),
    grid: { left: 48, right: 96, top: 36, bottom: 64 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const bar = chart.bars[first.dataIndex];
        if (!bar) return "";
        const value = percent(bar.completion);
        return `${bar.unit}<br/>完成率：${value === null ? "—" : `${value.toFixed(2)}%`}${bar.lagging ? "（▼滞后）" : ""}<br/>实际：${bar.actual}<br/>目标：${bar.target}`;
      },
    },
    xAxis: {
      type: "category",
      data: chart.bars.map((b) => b.unit),
      // a phone's width has room for the unit names only steeply slanted
      axisLabel: {
        interval: 0,
        rotate: chart.bars.length > 8 ? (el.clientWidth < 600 ? 60 : 35) : 0,
        color: "#1f2329",
      },
    },
    yAxis: {
      type: "value",
      name: "完成率（%）",
      nameTextStyle: { color: "#4e5969" },
      axisLabel: { color: "#4e5969" },
    },
    series: [
      {
        type: "bar",
        name: "完成率",
        barMaxWidth: 36,
        // labels that would run into each other on a narrow chart are left out (the table has them all)
        labelLayout: { hideOverlap: true },
        data: chart.bars.map((b) => ({
          value: percent(b.completion) ?? 0,
          itemStyle: { color: b.lagging ? BAD : BRAND },
          // upright inside the bar from its foot, so the 时序进度 line near the top never strikes
          // the figure through and a narrow bar still has room for it
          label: {
            show: true,
            position: "insideBottom",
            rotate: 90,
            align: "left",
            verticalAlign: "middle",
            distance: 6,
            color: "#fff",
            fontSize: 11,
            // ▼ marks a lagging unit in text as well as in colour (the note under the chart says so)
            formatter: () => {
              const value = percent(b.completion);
              return `${b.lagging ? "▼" : ""}${value === null ? "—" : value.toFixed(1)}`;
            },
          },
        })),
        markLine: {
          symbol: "none",
          silent: true,
          lineStyle: { color: MARK, type: "dashed", width: 2 },
          label: { formatter: chart.reference.label.replace(" ", "\n"), color: MARK, position: "end" },
          data: [{ yAxis: percent(chart.reference.fraction) ?? 0 }],
        },
      },
    ],
  };
  instance.setOption(option, true);
  return instance;
}

export interface TrendChart {
  title: string;
  unit: string;
  /** the months of the year, e.g. ["1月", …, "12月"] */
  months: string[];
  /** the value of each month (null where nothing was reported) */
  values: Array<number | null>;
  target: number | null;
  targetLabel: string;
  valueName: string;
}

/** A unit's monthly values as a line, its annual target as a horizontal line. */
export function drawTrend(el: HTMLElement, chart: TrendChart, previous?: EChartsType): EChartsType {
  const instance = mount(el, previous);
  const option: Option = {
    ...commonOption(`${chart.title}折线图`),
    grid: { left: 64, right: 32, top: 40, bottom: 36 },
    legend: { top: 0, data: [chart.valueName], textStyle: { color: "#1f2329" } },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: chart.months, axisLabel: { color: "#1f2329" } },
    yAxis: {
      type: "value",
      // the target line stays on the chart even when the values are far below it
      max: (extent: { max: number }) => niceCeil(Math.max(extent.max, chart.target ?? 0) * 1.08),
      axisLabel: { color: "#4e5969" },
    },
    series: [
      {
        type: "line",
        name: chart.valueName,
        data: chart.values,
        connectNulls: false,
        symbolSize: 7,
        lineStyle: { color: BRAND, width: 2 },
        itemStyle: { color: BRAND },
        markLine:
          chart.target === null
            ? undefined
            : {
                symbol: "none",
                silent: true,
                lineStyle: { color: MARK, type: "dashed", width: 2 },
                // at the start of the line: the year's values approach the target at its end
                label: { formatter: chart.targetLabel, color: MARK, position: "insideStartTop" },
                data: [{ yAxis: chart.target }],
              },
      },
    ],
  };
  instance.setOption(option, true);
  return instance;
}

export type { EChartsType };
