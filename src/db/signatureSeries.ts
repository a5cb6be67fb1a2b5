// The campaign's cumulative signature count over time, for the signatures chart (milestone posts, /campaign stats).

import type { Database } from './client.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Below this age of the first signature the series is hourly: a young campaign's days are too coarse to show. */
export const HOURLY_UNDER_MS = 14 * DAY_MS;

export type SeriesResolution = 'hour' | 'day';

export interface SeriesPoint {
	at: Date;
	/** Signatures made up to `at`. */
	total: number;
}

export interface SignatureSeries {
	resolution: SeriesResolution;
	/**
	 * Starts with the count before the first bucket (at that bucket's start), then the count at the end of each
	 * bucket (the current one ends at `now`); a bucket after a quiet stretch also gets a point at its start, so the
	 * line stays flat while nobody signed. The last point is exactly `now` with the current total.
	 */
	points: SeriesPoint[];
	total: number;
}

/**
 * Cumulative signatures bucketed by UTC hour (first signature under 14 days before `now`) or UTC day, counted in
 * SQL in one statement. Signatures dated after `now` (clock skew) are left out, so the series never ends in the future.
 */
export async function signatureSeries(db: Database, now: Date): Promise<SignatureSeries> {
	const end = now.getTime();
	const rows = await db.$queryRaw<{ size: number | bigint; bucket: number | bigint; total: number | bigint }[]>`
		WITH span AS (
			-- Bound numbers may arrive as REAL: the cast keeps the division below an integer one.
			SELECT CAST(CASE WHEN ${end} - MIN(signedAt) < ${HOURLY_UNDER_MS} THEN ${HOUR_MS} ELSE ${DAY_MS} END AS INTEGER) AS size
			FROM Signature WHERE signedAt <= ${end}
		)
		SELECT span.size AS size, s.signedAt / span.size AS bucket,
			SUM(COUNT(*)) OVER (ORDER BY s.signedAt / span.size) AS total
		FROM Signature s, span
		WHERE s.signedAt <= ${end}
		GROUP BY bucket
		ORDER BY bucket`;
	const first = rows[0];
	if (!first) return { resolution: 'hour', points: [{ at: now, total: 0 }], total: 0 };
	const size = Number(first.size);
	const points: SeriesPoint[] = [];
	let previous = 0;
	for (const row of rows) {
		const start = Number(row.bucket) * size;
		// A gap since the last point (or the very first bucket): flat until this bucket starts.
		if (points.at(-1)?.at.getTime() !== start) points.push({ at: new Date(start), total: previous });
		previous = Number(row.total);
		points.push({ at: new Date(Math.min(start + size, end)), total: previous });
	}
	// The last bucket ended before now: the count has not moved since.
	if (points.at(-1)?.at.getTime() !== end) points.push({ at: now, total: previous });
	return { resolution: size === HOUR_MS ? 'hour' : 'day', points, total: previous };
}
