// Runs a CommonJS bundle with V8's code cache for it: the bytecode of the functions a start-up runs, made at build
// time (scripts/build.mjs), so that a start-up neither parses nor compiles them (~300 ms on this project's machine,
// BENCHMARKS.md "Start-up"). Node 20 has no compile cache of its own (module.enableCompileCache is Node 22); this is
// vm.Script's documented `cachedData`. V8 checks the cache against its own version and flags and refuses it
// otherwise; a cache older than its bundle is not offered at all (V8 compares only the source's length).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Whether the start-up used the cache: absent (not built), stale (older than the bundle), refused by V8, or used. */
export type CodeCacheState = 'used' | 'absent' | 'stale' | 'rejected';

export interface LoadedBundle<Exports> {
	exports: Exports;
	codeCache: CodeCacheState;
	/** Writes the cache of everything compiled so far (after a warm-up: the build). */
	writeCodeCache(): void;
}

export const codeCacheFile = (bundleFile: string) => `${bundleFile}.v8cache`;

function usableCache(bundleFile: string): { data?: Buffer; state: CodeCacheState } {
	const cacheFile = codeCacheFile(bundleFile);
	try {
		if (statSync(cacheFile).mtimeMs < statSync(bundleFile).mtimeMs) return { state: 'stale' };
		return { data: readFileSync(cacheFile), state: 'used' };
	} catch {
		return { state: 'absent' };
	}
}

/**
 * Loads and runs `bundleFile` as Node runs a CommonJS file (same wrapper and arguments), with its cache if usable.
 * Read as latin1: esbuild writes ASCII only outside comments (its default charset escapes the rest), and a 10 MB file
 * with a few non-ASCII comments takes ~40 ms more to decode as UTF-8. A comment's non-ASCII bytes are then read as
 * other characters of the comment, which changes nothing.
 */
export function loadBundle<Exports>(bundleFile: string): LoadedBundle<Exports> {
	const source = readFileSync(bundleFile, 'latin1');
	const cache = usableCache(bundleFile);
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
		writeCodeCache: () => writeFileSync(codeCacheFile(bundleFile), script.createCachedData()),
	};
}
