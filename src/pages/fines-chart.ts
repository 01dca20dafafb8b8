/**
 * The fines tracker's bar charts, laid out at build time: one chart per
 * currency (amounts in different currencies are never drawn on one scale),
 * one bar per year, or per month when the fines span less than two years.
 * This module only computes geometry and text; `partials/fines-chart.eta`
 * writes the SVG, escaping every text.
 */
import { figure, type AmountStyle } from '../domain/amount-style.js';
import { MONTH_NAMES } from '../domain/dates.js';
import { isExact } from '../domain/fine-forms.js';
import { currencyLabel } from '../domain/fines.js';
import {
  byMonth,
  byYear,
  chartPeriods,
  groupTotals,
  type FineRecord,
  type PeriodUnit,
  type Total,
  zero,
} from '../domain/totals.js';

export const WIDTH = 640;
export const HEIGHT = 280;
export const PLOT = { left: 64, right: 12, top: 16, bottom: 64 };
export const PLOT_WIDTH = WIDTH - PLOT.left - PLOT.right;
export const PLOT_HEIGHT = HEIGHT - PLOT.top - PLOT.bottom;
/** Bars are labelled with their value only when there is room. */
const MAX_VALUE_LABELS = 12;
/** A lone bar stays a bar, not a slab. */
const MAX_BAR_WIDTH = 48;

/** A chart's frame: its size in SVG units, its margins, and how many periods it labels. */
export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** At most this many labels on the x axis, and values on the bars. */
  labels: number;
  values: number;
  /** The name that tells this layout's chart from the others of its currency ('' for the first). */
  suffix: string;
}

/** The chart drawn 640 units wide, for a screen with room for it. */
export const WIDE: ChartLayout = {
  width: WIDTH,
  height: HEIGHT,
  plot: PLOT,
  labels: 12,
  values: MAX_VALUE_LABELS,
  suffix: '',
};

/**
 * The same chart for a phone, about as many units wide as it has pixels, so
 * that its figures stay as large as the page's small print: fewer labels.
 */
export const NARROW: ChartLayout = {
  width: 360,
  height: 250,
  plot: { left: 50, right: 8, top: 14, bottom: 68 },
  labels: 6,
  values: 6,
  suffix: '-narrow',
};

export interface ChartBar {
  /** A second series of a stacked bar (fines of unknown amount) is drawn apart. */
  series?: 'unknown';
  x: number;
  y: number;
  width: number;
  height: number;
  /** "2021: RMB 16.74 million (3 fines)", the bar's tooltip and accessible name. */
  title: string;
  /** The value on top of the bar, in the axis unit ("16.74"); '' when bars are too narrow. */
  value: string;
  /** Where the value is written: above the bar's middle. */
  valueX: number;
  valueY: number;
}

export interface ChartTick {
  y: number;
  label: string;
}

export interface ChartLabel {
  x: number;
  label: string;
}

export interface FinesChart {
  id: string;
  currency: string;
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  title: string;
  desc: string;
  xTitle: string;
  yTitle: string;
  bars: ChartBar[];
  ticks: ChartTick[];
  xLabels: ChartLabel[];
  /** Month labels are long: they are set at a slant. */
  slanted: boolean;
  /** What each series' colour stands for, when bars have two. */
  legend?: { series: string; label: string }[];
}

/**
 * One chart per currency, in the order given, of the fines known exactly;
 * every figure in the page's style for its currency (`styles`), as in its tables.
 */
export function finesCharts(
  records: readonly FineRecord[],
  currencies: string[],
  styles: ReadonlyMap<string, AmountStyle>,
  layout: ChartLayout = WIDE,
): FinesChart[] {
  const exact = records.filter((r) => isExact(r.fine));
  const { unit, keys } = chartPeriods(exact);
  if (keys.length === 0) return [];
  const totals = groupTotals(exact, unit === 'year' ? byYear : byMonth);
  return currencies.map((currency) => {
    const values = keys.map((key) => totals.get(key)?.get(currency) ?? zero());
    return chart(currency, styles.get(currency)!, unit, keys, values, undefined, layout);
  });
}

/** The chart of one currency's totals over time. */
export function chart(
  currency: string,
  style: AmountStyle,
  unit: PeriodUnit,
  keys: string[],
  values: Total[],
  id = `fines-chart-${currency.toLowerCase()}`,
  layout: ChartLayout = WIDE,
): FinesChart {
  const { plot } = layout;
  const plotWidth = layout.width - plot.left - plot.right;
  const plotHeight = layout.height - plot.top - plot.bottom;
  const label = currencyLabel(currency);
  const text = (v: Total) => (v.count > 0 ? figure(style, v).text : `${label} 0`);
  const max = values.reduce((m, v) => (v.minor > m.minor ? v : m), zero());
  const scale = axisScale(max.minor, max.exponent, style.word);
  const top = scale.step * scale.steps;
  const slot = plotWidth / keys.length;
  const barWidth = round(Math.min(MAX_BAR_WIDTH, Math.max(1, slot * 0.7)));
  const showValues = keys.length <= layout.values;
  const every = Math.ceil(keys.length / layout.labels);
  // Values go on the bars when every one fits above its bar: all or none.
  const labels = values.map((v) => (v.count > 0 ? figure(style, v).number : ''));
  const fit = showValues && labels.every((l) => fitting(l, slot) === l);
  const bars = keys.map((key, i) => {
    const v = values[i]!;
    const height = top === 0 ? 0 : round((inUnit(v, scale.size) / top) * plotHeight);
    const fines = `${v.count} ${v.count === 1 ? 'fine' : 'fines'}`;
    const y = round(plot.top + plotHeight - height);
    return {
      x: round(plot.left + slot * i + (slot - barWidth) / 2),
      y,
      valueX: round(plot.left + slot * (i + 0.5)),
      valueY: round(y - 4),
      width: barWidth,
      height,
      title: `${periodLabel(key, unit)}: ${text(v)} (${fines})`,
      value: fit ? labels[i]! : '',
    };
  });
  const ticks = Array.from({ length: scale.steps + 1 }, (_, i) => ({
    y: round(plot.top + plotHeight - (i / scale.steps) * plotHeight),
    label: number(scale.step * i),
  }));
  const xLabels = keys
    .map((key, i) => ({ x: round(plot.left + slot * (i + 0.5)), label: shortPeriod(key, unit), i }))
    // Every `every`th, and the last, for which the one before it too near gives way.
    .filter(({ i }) => i === keys.length - 1 || (i % every === 0 && keys.length - 1 - i >= every))
    .map(({ x, label }) => ({ x, label }));
  const first = periodLabel(keys[0]!, unit);
  const last = periodLabel(keys[keys.length - 1]!, unit);
  const span = first === last ? `in ${first}` : `from ${first} to ${last}`;
  return {
    id: id + layout.suffix,
    currency,
    width: layout.width,
    height: layout.height,
    plot: {
      left: plot.left,
      top: plot.top,
      right: layout.width - plot.right,
      bottom: plot.top + plotHeight,
    },
    title: `Fines in ${label} per ${unit}, ${span.replace(/^from /, '')}`,
    desc: describe(label, text, unit, keys, values, span),
    xTitle: unit === 'year' ? 'Year' : 'Month',
    yTitle: `Total fined (${label}${scale.word ? ` ${scale.word}` : ''})`,
    bars,
    ticks,
    xLabels,
    slanted: unit === 'month',
  };
}

/**
 * The chart in words: what it shows, its highest bar, and every value (a
 * month's), or where to find them (a year's are in the totals table).
 */
function describe(
  label: string,
  text: (v: Total) => string,
  unit: PeriodUnit,
  keys: string[],
  values: Total[],
  span: string,
): string {
  let best = 0;
  values.forEach((v, i) => {
    if (v.minor > values[best]!.minor) best = i;
  });
  const count = values.reduce((n, v) => n + v.count, 0);
  const peak = values[best]!;
  return (
    `Bar chart of the total amount of ${count} ${count === 1 ? 'fine' : 'fines'} in ${label}, ` +
    `one bar per ${unit} ${span}. The highest is ${periodLabel(keys[best]!, unit)}: ` +
    `${text(peak)} in ${peak.count} ${peak.count === 1 ? 'fine' : 'fines'}. ` +
    (unit === 'year'
      ? 'The table of totals by year gives every value.'
      : `Every month: ${keys
          .map((key, i) => `${periodLabel(key, unit)}, ${text(values[i]!)}`)
          .join('; ')}.`)
  );
}

/** A y axis of 4–5 round steps (1, 2 or 5 × 10^n) in thousands, millions or billions. */
export function axisScale(
  maxMinor: bigint,
  exponent: number,
  /** The unit of the page's figures, which the axis then counts in too. */
  pageWord: '' | 'million' | 'billion' = '',
): {
  size: number;
  word: string;
  step: number;
  steps: number;
} {
  const units = Number(maxMinor) / 10 ** exponent;
  const [size, word] =
    pageWord === 'billion'
      ? [1e9, 'billion']
      : pageWord === 'million'
        ? [1e6, 'million']
        : units >= 1e9
          ? [1e9, 'billion']
          : units >= 1e6
            ? [1e6, 'million']
            : units >= 1e4
              ? [1e3, 'thousand']
              : [1, ''];
  const max = units / size;
  if (max === 0) return { size, word, step: 1, steps: 4 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  return { size, word, step, steps: Math.max(1, Math.ceil(max / step - 1e-9)) };
}

function inUnit(total: Total, size: number): number {
  return Number(total.minor) / 10 ** total.exponent / size;
}

/** A bar's value, written as its table writes it, when it fits above the bar (10px figures). */
function fitting(value: string, slot: number): string {
  return value.length * 5.6 <= slot - 4 ? value : '';
}

/** A plain number with at most two decimals: "1,500", "2.5", "0.25". */
export function number(value: number): string {
  const [whole, fraction] = value.toFixed(2).split('.') as [string, string];
  const trimmed = fraction.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return trimmed ? `${grouped}.${trimmed}` : grouped;
}

export function periodLabel(key: string, unit: PeriodUnit): string {
  if (unit === 'year') return key;
  const [year, month] = key.split('-');
  return `${MONTH_NAMES[Number(month) - 1]} ${year}`;
}

export function shortPeriod(key: string, unit: PeriodUnit): string {
  if (unit === 'year') return key;
  const [year, month] = key.split('-');
  return `${MONTH_NAMES[Number(month) - 1]!.slice(0, 3)} ${year}`;
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
