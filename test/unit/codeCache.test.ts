import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/boot/codeCache.js';

interface Sample {
	sum(a: number, b: number): number;
	here: string;
}

let dir: string;
let bundle: string;
const write = (body: string) =>
	writeFileSync(
		bundle,
		`module.exports = { sum: (a, b) => a + b, here: require('node:path').basename(__dirname) };${body}`,
	);
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'code-cache-'));
	bundle = path.join(dir, 'bundle.cjs');
	write('');
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

describe('loadBundle', () => {
	it('runs the file as CommonJS, then with the cache it wrote', () => {
		const first = loadBundle<Sample>(bundle);
		expect(first.codeCache).toBe('absent');
		expect(first.exports.sum(2, 3)).toBe(5);
		expect(first.exports.here).toBe(path.basename(dir));
		first.writeCodeCache();

		const second = loadBundle<Sample>(bundle);
		expect(second.codeCache).toBe('used');
		expect(second.exports.sum(4, 5)).toBe(9);
	});

	it('does not offer a cache older than its bundle (V8 checks only the length)', () => {
		loadBundle<Sample>(bundle).writeCodeCache();
		write('/* same length? no matter */');
		const later = new Date(Date.now() + 10_000);
		utimesSync(bundle, later, later);
		expect(loadBundle<Sample>(bundle).codeCache).toBe('stale');
	});

	it('runs without the cache when V8 refuses it', () => {
		loadBundle<Sample>(bundle).writeCodeCache();
		write('/* another source under the old cache */');
		const earlier = new Date(Date.now() - 10_000);
		utimesSync(bundle, earlier, earlier);
		const loaded = loadBundle<Sample>(bundle);
		expect(loaded.codeCache).toBe('rejected');
		expect(loaded.exports.sum(1, 1)).toBe(2);
	});
});
