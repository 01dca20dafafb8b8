/**
 * The statistics page's chart of how many fines there were each year, in
 * every currency together (a count, unlike an amount, adds up across
 * currencies): each bar in two parts, the fines known exactly and above them
 * those of an amount not known exactly. Geometry only, as `fines-chart.ts`;
 * the same partial draws it.
 */
import {
  axisScale,
  HEIGHT,
  number,
  PLOT,
  PLOT_HEIGHT,
  PLOT_WIDTH,
  round,
  WIDTH,
  type ChartBar,
  type FinesChart,
} from './fines-chart.js';

const MAX_BAR_WIDTH = 48;
const fines = (n: number) => `${n} ${n === 1 ? 'fine' : 'fines'}`;

/** `years` oldest first, with how many fines each had known exactly and not. */
export function countChart(
  years: readonly { year: string; known: number; unknown: number }[],
): FinesChart | undefined {
  if (years.length === 0) return undefined;
  const max = years.reduce((m, y) => Math.max(m, y.known + y.unknown), 0);
  const scale = axisScale(BigInt(max), 0);
  const top = scale.step * scale.steps;
  const slot = PLOT_WIDTH / years.length;
  const width = round(Math.min(MAX_BAR_WIDTH, Math.max(1, slot * 0.7)));
  const every = Math.ceil(years.length / 12);
  const height = (n: number) => (top === 0 ? 0 : round((n / scale.size / top) * PLOT_HEIGHT));
  const bars: ChartBar[] = [];
  years.forEach((y, i) => {
    const x = round(PLOT.left + slot * i + (slot - width) / 2);
    const known = height(y.known);
    const all = height(y.known + y.unknown);
    const base = PLOT.top + PLOT_HEIGHT;
    const label = y.known + y.unknown > 0 && String(y.known + y.unknown).length * 5.6 <= slot - 4;
    bars.push({
      x,
      y: round(base - known),
      width,
      height: known,
      title: `${y.year}: ${fines(y.known)} of an amount known exactly`,
      value: '',
      valueX: 0,
      valueY: 0,
    });
    bars.push({
      series: 'unknown',
      x,
      y: round(base - all),
      width,
      height: round(all - known),
      title: `${y.year}: ${fines(y.unknown)} of an amount not known exactly`,
      value: label ? String(y.known + y.unknown) : '',
      valueX: round(PLOT.left + slot * (i + 0.5)),
      valueY: round(base - all - 4),
    });
  });
  const total = years.reduce((n, y) => n + y.known + y.unknown, 0);
  const unknown = years.reduce((n, y) => n + y.unknown, 0);
  const peak = years.reduce((p, y) => (y.known + y.unknown > p.known + p.unknown ? y : p));
  const first = years[0]!.year;
  const last = years[years.length - 1]!.year;
  const span = first === last ? `in ${first}` : `from ${first} to ${last}`;
  return {
    id: 'stats-chart-count',
    currency: '',
    width: WIDTH,
    height: HEIGHT,
    plot: {
      left: PLOT.left,
      top: PLOT.top,
      right: WIDTH - PLOT.right,
      bottom: PLOT.top + PLOT_HEIGHT,
    },
    title: `Fines per year, ${span.replace(/^from /, '')}, in every currency`,
    desc:
      `Bar chart of ${fines(total)} in every currency, one bar per year ${span}; ` +
      `the upper part of each bar, ${fines(unknown)} in all, is the fines of an amount not known exactly. ` +
      `The most were in ${peak.year}: ${fines(peak.known + peak.unknown)}. ` +
      `Every year: ${years.map((y) => `${y.year}, ${y.known + y.unknown} (${y.unknown} not known exactly)`).join('; ')}.`,
    xTitle: 'Year',
    yTitle: 'Fines',
    bars,
    ticks: Array.from({ length: scale.steps + 1 }, (_, i) => ({
      y: round(PLOT.top + PLOT_HEIGHT - (i / scale.steps) * PLOT_HEIGHT),
      label: number(scale.step * i),
    })),
    xLabels: years
      .map((y, i) => ({ x: round(PLOT.left + slot * (i + 0.5)), label: y.year, i }))
      .filter(({ i }) => i % every === 0 || i === years.length - 1)
      .map(({ x, label }) => ({ x, label })),
    slanted: false,
    legend: [
      { series: 'known', label: 'amount known exactly' },
      { series: 'unknown', label: 'amount not known exactly' },
    ],
  };
}
