import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSignatureChart } from '../../src/charts/signatures.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { signatureSeries } from '../../src/db/signatureSeries.js';
import { signPledge, withdrawSignature } from '../../src/db/signatures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date(Date.UTC(2026, 11, 1, 10, 30));

let dir: string;
let db: Database;
let statements: string[] = [];
beforeEach(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'series-test-'));
	const databasePath = path.join(dir, 'pledge.db');
	await migrateDatabase({ databasePath });
	db = await openDatabase(databasePath, {
		signerKey: '5e71e5000000000000000000000000000000000000000000000000000000000a',
		onStatement: (sql) => statements.push(sql),
	});
});
afterEach(async () => {
	await db.$disconnect();
	rmSync(dir, { recursive: true, force: true });
});

let signers = 0;
/** Signs once per time given (ms before NOW). */
async function signAt(...agesMs: number[]): Promise<void> {
	for (const age of agesMs) await signPledge(db, `signer-${signers++}`, 'guild', {}, new Date(NOW.getTime() - age));
}

const plain = (points: { at: Date; total: number }[]) => points.map((p) => [p.at.toISOString(), p.total]);

describe('signatureSeries', () => {
	it('is one point at now with 0 before anyone signs', async () => {
		expect(await signatureSeries(db, NOW)).toEqual({ resolution: 'hour', points: [{ at: NOW, total: 0 }], total: 0 });
	});

	it('buckets a young campaign by hour, starting from the count before and ending at now', async () => {
		const at = (iso: string) => NOW.getTime() - Date.parse(iso);
		await signAt(at('2026-11-29T09:10Z'), at('2026-11-29T09:50Z'), at('2026-12-01T07:05Z'), at('2026-12-01T10:20Z'));
		const series = await signatureSeries(db, NOW);
		expect(series.resolution).toBe('hour');
		expect(series.total).toBe(4);
		expect(plain(series.points)).toEqual([
			['2026-11-29T09:00:00.000Z', 0],
			['2026-11-29T10:00:00.000Z', 2],
			// Quiet until 07:00 today: flat, not a slope across two days.
			['2026-12-01T07:00:00.000Z', 2],
			['2026-12-01T08:00:00.000Z', 3],
			['2026-12-01T10:00:00.000Z', 3],
			// The current hour ends at now, not at 11:00.
			['2026-12-01T10:30:00.000Z', 4],
		]);
	});

	it('buckets by UTC day once the first signature is 14 days old, and ends at now after a quiet day', async () => {
		await signAt(20 * DAY, 20 * DAY - HOUR, 19 * DAY, 2 * DAY);
		const series = await signatureSeries(db, NOW);
		expect(series.resolution).toBe('day');
		expect(plain(series.points)).toEqual([
			['2026-11-11T00:00:00.000Z', 0],
			['2026-11-12T00:00:00.000Z', 2],
			['2026-11-13T00:00:00.000Z', 3],
			['2026-11-29T00:00:00.000Z', 3],
			['2026-11-30T00:00:00.000Z', 4],
			['2026-12-01T10:30:00.000Z', 4],
		]);
	});

	it('stays hourly just under 14 days', async () => {
		await signAt(14 * DAY - 60_000);
		expect((await signatureSeries(db, NOW)).resolution).toBe('hour');
	});

	it('leaves out signatures dated after now and withdrawn ones', async () => {
		await signAt(HOUR, -HOUR);
		await signPledge(db, 'gone', 'guild', {}, new Date(NOW.getTime() - 30 * 60_000));
		await withdrawSignature(db, 'gone');
		const series = await signatureSeries(db, NOW);
		expect(series.total).toBe(1);
		expect(series.points.at(-1)).toEqual({ at: NOW, total: 1 });
		expect(series.points.every((p) => p.at <= NOW)).toBe(true);
	});

	it('reads a year of daily history in one statement, about one point per active day', async () => {
		const ages = Array.from({ length: 365 }, (_, d) => d * DAY + 5 * HOUR);
		await signAt(...ages);
		statements = [];
		const series = await signatureSeries(db, NOW);
		expect(statements).toHaveLength(1);
		expect(series.resolution).toBe('day');
		expect(series.total).toBe(365);
		expect(series.points.length).toBeLessThanOrEqual(367);
		const totals = series.points.map((p) => p.total);
		expect(totals).toEqual([...totals].sort((a, b) => a - b));
		expect(series.points.at(-1)).toEqual({ at: NOW, total: 365 });
	});

	it('feeds the chart a line that is flat after a burst and ends at now', async () => {
		// Every signature within one hour, yesterday.
		await signAt(...Array.from({ length: 30 }, (_, i) => 25 * HOUR - i * 60_000));
		const series = await signatureSeries(db, NOW);
		const { chart } = buildSignatureChart({
			points: series.points,
			now: NOW,
			thresholds: [10, 25, 50],
			language: 'en',
			labels: { title: 't', yAxis: 'y', threshold: (n) => n },
		});
		try {
			const data = chart.data.datasets[0]?.data ?? [];
			expect(chart.scales.x?.max).toBe(NOW.getTime());
			expect(data.at(-1)).toEqual({ x: NOW.getTime(), y: 30 });
			// From the end of the burst's hour to now: one flat segment, not a slope.
			const burstEnd = data.findIndex((p) => p.y === 30);
			expect(data.slice(burstEnd).map((p) => p.y)).toEqual([30, 30]);
		} finally {
			chart.destroy();
		}
	});
});
