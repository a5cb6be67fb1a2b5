import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutralise, packCsv } from '../../src/commands/campaign/csvFiles.js';

const header = ['name', 'city'];
const rows = Array.from({ length: 200 }, (_, i) => [`Signer ${i}`, i % 2 ? 'Phoenix' : '=cmd|calc']);
const read = (data: Buffer, gz: boolean) =>
	parse(gz ? gunzipSync(data) : data, { bom: true, columns: true }) as Record<string, string>[];

describe('CSV files for organisers', () => {
	it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('neutralises a cell starting %j', (cell) => {
		expect(neutralise(cell)).toBe(`'${cell}`);
	});
	it('leaves other cells as they are', () => {
		expect(neutralise('Los Tigres del Río')).toBe('Los Tigres del Río');
	});

	it('is one plain file when it fits', () => {
		const [file, ...rest] = packCsv('signers.csv', header, rows);
		expect(rest).toEqual([]);
		expect(file?.name).toBe('signers.csv');
		expect(read(file?.data as Buffer, false)).toHaveLength(200);
	});

	it('is gzipped when over the limit but gzip fits', () => {
		const plain = packCsv('signers.csv', header, rows)[0]?.data.length ?? 0;
		const files = packCsv('signers.csv', header, rows, plain - 1);
		expect(files.map((f) => f.name)).toEqual(['signers.csv.gz']);
		expect(read(files[0]?.data as Buffer, true)).toHaveLength(200);
	});

	it('is split into parts, every row exactly once and in order, when even gzip does not fit', () => {
		// Rows that do not compress (hashes), so that even gzip is over the limit.
		const noisy = rows.map(([name, city]) => [
			`${name} ${createHash('sha256').update(String(name)).digest('hex')}`,
			city ?? null,
		]);
		const files = packCsv('signers.csv', header, noisy, 1200);
		expect(files.length).toBeGreaterThan(1);
		expect(files.every((f) => f.data.length <= 1200)).toBe(true);
		expect(files.every((f, i) => f.name.startsWith(`signers-part${i + 1}.csv`))).toBe(true);
		const all = files.flatMap((f) => read(f.data, f.name.endsWith('.gz')));
		expect(all.map((r) => r.name)).toEqual(noisy.map((r) => r[0]));
		expect(all.filter((r) => r.city === "'=cmd|calc")).toHaveLength(100);
	});
});
