// Summary statistics for the benchmark: median and the 10th/90th percentiles (linear
// interpolation between order statistics), plus the ratio helpers the report uses.

/** The q-quantile (0..1) of a list of numbers. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** `{ median, p10, p90, n }` of a list of samples (NaNs when empty). */
export function summarize(samples) {
  return { median: quantile(samples, 0.5), p10: quantile(samples, 0.1), p90: quantile(samples, 0.9), n: samples.length };
}

/**
 * The median (and p10–p90) of a[i] / b[i] over paired samples: the ratio within each repetition,
 * which a change of the machine's speed between repetitions does not move. Null without samples.
 */
export function pairedRatio(a, b) {
  if (!a?.length || !b?.length || a.length !== b.length) return null;
  return summarize(a.map((x, i) => x / b[i]).filter(Number.isFinite));
}

/** a / b, or null when either is missing or b is zero. */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : null;
}
