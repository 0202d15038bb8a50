/** Median and spread of repeated measurements. */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), runs: values.length, spread: median ? (sorted.at(-1) - sorted[0]) / median : 0 };
}

export const MB = 1024 * 1024;
export const fmt = (value, digits = 1) => value.toFixed(digits);
export const pct = (spread) => `±${Math.round((spread * 100) / 2)}%`;
