// Runs a CommonJS bundle with V8's code cache for it: the bytecode of the functions a start-up runs, made at build
// time (scripts/build.mjs), so that a start-up neither parses nor compiles them (~220 ms on this project's machine,
// BENCHMARKS.md "Round 3"). Node 20 has no compile cache of its own (module.enableCompileCache is Node 22); this is
// vm.Script's documented `cachedData`. V8 refuses a cache made by another V8 version or under other flags, but it
// compares only the source's length: so the build stamps the bundle with a hash of its content, the cache starts with
// that stamp, and a cache whose stamp differs is not offered at all.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Whether the start-up used the cache: absent (not built), stale (of another bundle), refused by V8, or used. */
export type CodeCacheState = 'used' | 'absent' | 'stale' | 'rejected';

export interface LoadedBundle<Exports> {
	exports: Exports;
	codeCache: CodeCacheState;
	/** Writes the cache of everything compiled so far (after a warm-up: the build). */
	writeCodeCache(): void;
}

export const codeCacheFile = (bundleFile: string) => `${bundleFile}.v8cache`;

const STAMP = '\n//# bundleStamp=';
const STAMP_LENGTH = 64; // sha-256, hex

/** Appends the stamp of the bundle's content (the build, once the bundle is written). */
export function stampBundle(bundleFile: string): void {
	const digest = createHash('sha256').update(readFileSync(bundleFile)).digest('hex');
	appendFileSync(bundleFile, `${STAMP}${digest}\n`);
}

const stampOf = (source: string): string => {
	const at = source.lastIndexOf(STAMP);
	return at < 0 ? '' : source.slice(at + STAMP.length, at + STAMP.length + STAMP_LENGTH);
};

function usableCache(bundleFile: string, stamp: string): { data?: Buffer; state: CodeCacheState } {
	let file: Buffer;
	try {
		file = readFileSync(codeCacheFile(bundleFile));
	} catch {
		return { state: 'absent' };
	}
	if (stamp === '' || file.toString('latin1', 0, STAMP_LENGTH) !== stamp) return { state: 'stale' };
	return { data: file.subarray(STAMP_LENGTH), state: 'used' };
}

/**
 * Loads and runs `bundleFile` as Node runs a CommonJS file (same wrapper and arguments), with its cache if usable.
 * Read as latin1: esbuild writes ASCII only outside comments (charset 'ascii', scripts/build.mjs), and a 5 MB file
 * with a few non-ASCII comments takes ~40 ms more to decode as UTF-8. A comment's non-ASCII bytes are then read as
 * other characters of the comment, which changes nothing.
 */
export function loadBundle<Exports>(bundleFile: string): LoadedBundle<Exports> {
	const source = readFileSync(bundleFile, 'latin1');
	const stamp = stampOf(source);
	const cache = usableCache(bundleFile, stamp);
	const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
		filename: bundleFile,
		...(cache.data ? { cachedData: cache.data } : {}),
	});
	const codeCache: CodeCacheState = cache.data && script.cachedDataRejected ? 'rejected' : cache.state;
	const module = { exports: {} as Exports };
	const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
	wrapper.call(module.exports, module.exports, createRequire(bundleFile), module, bundleFile, path.dirname(bundleFile));
	return {
		exports: module.exports,
		codeCache,
		writeCodeCache: () =>
			writeFileSync(
				codeCacheFile(bundleFile),
				Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()]),
			),
	};
}
