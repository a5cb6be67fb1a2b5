import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { startCommand } from '../../src/boot/startCommand.js';
import { findProjectRoot } from '../../src/projectRoot.js';

const { flags } = startCommand(findProjectRoot(import.meta.dirname));

/** The threads of a node process started with these flags, counted by itself (Linux: /proc). */
function threadsUnder(nodeFlags: readonly string[]): number {
	const run = spawnSync(
		process.execPath,
		[...nodeFlags, '-e', 'process.stdout.write(String(require("node:fs").readdirSync("/proc/self/task").length))'],
		{ encoding: 'utf8', env: { PATH: process.env.PATH } },
	);
	expect(run.stderr).toBe('');
	return Number(run.stdout);
}

/**
 * How many calls of a small function V8 makes before it marks the function for its optimising compiler (or has
 * compiled it), under these flags. Counted in bytecode, not time: the same count on every run.
 */
function callsBeforeOptimisingUnder(nodeFlags: readonly string[]): number {
	const script = `
		function f(x) { let s = 0; for (let k = 0; k < 10; k++) s += (x * k) % 7; return s; }
		const marked = 16 | 256 | 512 | 1024; // optimised, marked, marked for a concurrent compile, being compiled
		let calls = 0;
		while (calls < 1e6 && !(%GetOptimizationStatus(f) & marked)) f(calls++);
		process.stdout.write(String(calls));`;
	const run = spawnSync(process.execPath, [...nodeFlags, '--allow-natives-syntax', '-e', script], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH },
	});
	expect(run.stderr).toBe('');
	return Number(run.stdout);
}

describe('npm start', () => {
	it("sizes V8's helper threads to the machine's cores, not V8's fixed four (BENCHMARKS.md round 10)", () => {
		// Node's platform: max(1, cores - 1) workers when --v8-pool-size=0, four by default.
		const pool = Math.max(1, availableParallelism() - 1);
		const withoutPoolFlag = flags.filter((flag) => !flag.startsWith('--v8-pool-size'));
		expect(threadsUnder(withoutPoolFlag) - threadsUnder(flags)).toBe(4 - pool);
		expect(flags).toContain('--v8-pool-size=0');
	});

	it("lets a function run twice V8's default bytecode before optimising it (BENCHMARKS.md round 11)", () => {
		const withoutBudgetFlag = flags.filter((flag) => !flag.startsWith('--interrupt-budget'));
		const byDefault = callsBeforeOptimisingUnder(withoutBudgetFlag);
		expect(byDefault).toBeGreaterThan(0);
		expect(callsBeforeOptimisingUnder(flags) / byDefault).toBeCloseTo(2, 1);
	});
});
