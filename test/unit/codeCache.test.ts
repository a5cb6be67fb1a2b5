import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBundle, stampBundle } from '../../src/boot/codeCache.js';

interface Sample {
	sum(a: number, b: number): number;
	here: string;
}

let dir: string;
let bundle: string;
/** A bundle as the build writes it: its code, then its stamp. */
const build = (extra: string) => {
	writeFileSync(
		bundle,
		`module.exports = { sum: (a, b) => a + b, here: require('node:path').basename(__dirname) };${extra}`,
	);
	stampBundle(bundle);
};
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'code-cache-'));
	bundle = path.join(dir, 'bundle.cjs');
	build('');
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

	it('does not offer the cache of another bundle of the same length (V8 would run its bytecode)', () => {
		build('/* one */');
		loadBundle<Sample>(bundle).writeCodeCache();
		const before = readFileSync(bundle).length;
		build('/* two */');
		expect(readFileSync(bundle).length).toBe(before);
		const loaded = loadBundle<Sample>(bundle);
		expect(loaded.codeCache).toBe('stale');
		expect(loaded.exports.sum(1, 2)).toBe(3);
	});

	it('runs without the cache when V8 refuses it', () => {
		loadBundle<Sample>(bundle).writeCodeCache();
		// The same stamp on other code (an edited bundle): the stamp lets the cache through, V8 refuses it.
		writeFileSync(bundle, `/* edited */${readFileSync(bundle, 'latin1')}`);
		const loaded = loadBundle<Sample>(bundle);
		expect(loaded.codeCache).toBe('rejected');
		expect(loaded.exports.sum(1, 1)).toBe(2);
	});
});
