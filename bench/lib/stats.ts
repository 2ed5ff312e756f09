// Summaries of repeated measurements: the median and the spread (min–max and the interquartile range),
// because these machines are shared and a single number would mostly measure the neighbours.

export type Summary = { n: number; median: number; min: number; max: number; p25: number; p75: number; mean: number };

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(values: number[]): Summary {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    mean,
  };
}

/** "1 234 (1 100–1 400)" style: median with min–max, rounded to `digits`. */
export function fmt(s: Summary, digits = 0, unit = ""): string {
  if (!s.n) return "n/a";
  const f = (v: number) => v.toFixed(digits);
  return s.n === 1 ? `${f(s.median)}${unit}` : `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)})`;
}

export function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}
