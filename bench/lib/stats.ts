// Small statistics helpers: nearest-rank percentiles, medians, means, rounding for printing.

/** Nearest-rank percentile of `values` (p in 0..100); Infinity entries (unanswered) sort last. NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1
		? (sorted[mid] ?? Number.NaN)
		: ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

export function mean(values: readonly number[]): number {
	return values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The standard error of the mean (sample standard deviation / √n). NaN below two values. */
export function standardError(values: readonly number[]): number {
	const m = mean(values);
	return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1) / values.length);
}

export function max(values: readonly number[]): number {
	return values.length === 0 ? Number.NaN : Math.max(...values);
}

/** Rounds to `digits` decimals; Infinity and NaN become null (JSON has no Infinity). */
export function round(value: number, digits = 0): number | null {
	if (!Number.isFinite(value)) return null;
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

export interface LatencySummary {
	count: number;
	answered: number;
	/** Interactions with no accepted answer within 3 s (the double, like Discord, refuses later callbacks). */
	late: number;
	p50: number | null;
	p90: number | null;
	p99: number | null;
	max: number | null;
}

/** Latencies in ms; an unanswered interaction counts as Infinity, so it weighs on every percentile it reaches. */
export function summariseLatencies(latencies: readonly number[], deadlineMs = 3000): LatencySummary {
	return {
		count: latencies.length,
		answered: latencies.filter((l) => Number.isFinite(l)).length,
		late: latencies.filter((l) => !(l <= deadlineMs)).length,
		p50: round(percentile(latencies, 50)),
		p90: round(percentile(latencies, 90)),
		p99: round(percentile(latencies, 99)),
		max: round(max(latencies)),
	};
}

/** A deterministic PRNG (mulberry32) so every run sends the same mix in the same order. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
