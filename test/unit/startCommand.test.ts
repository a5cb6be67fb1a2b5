import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCommand } from '../../src/boot/startCommand.js';
import { findProjectRoot } from '../../src/projectRoot.js';

const root = findProjectRoot(import.meta.dirname);
const { flags, script } = startCommand(root);

/** What a node process started with these flags and running this script writes to stdout (it must write no error). */
function nodeOutput(nodeFlags: readonly string[], script: string): string {
	const run = spawnSync(process.execPath, [...nodeFlags, '-e', script], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH },
	});
	expect(run.stderr).toBe('');
	return run.stdout;
}

/** The threads of a node process started with these flags, counted by itself (Linux: /proc). */
const threadsUnder = (nodeFlags: readonly string[]) =>
	Number(
		nodeOutput(nodeFlags, 'process.stdout.write(String(require("node:fs").readdirSync("/proc/self/task").length))'),
	);

/**
 * How many calls of a small function V8 makes before it marks the function for its optimising compiler (or has
 * compiled it), under these flags. Counted in bytecode, not time: the same count on every run.
 */
const callsBeforeOptimisingUnder = (nodeFlags: readonly string[]) =>
	Number(
		nodeOutput(
			[...nodeFlags, '--allow-natives-syntax'],
			`function f(x) { let s = 0; for (let k = 0; k < 10; k++) s += (x * k) % 7; return s; }
			const marked = 16 | 256 | 512 | 1024; // optimised, marked, marked for a concurrent compile, being compiled
			let calls = 0;
			while (calls < 1e6 && !(%GetOptimizationStatus(f) & marked)) f(calls++);
			process.stdout.write(String(calls));`,
		),
	);

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

	it("is the command README's production and scale-out sections give, with the same flags", () => {
		// README spells the command out for systemd, containers and shard splits: one changed flag must change all.
		const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
		const commands = [...readme.matchAll(/\bnode((?: --\S+)*) dist\/bot\/start\.cjs/g)].map((m) => m[1]?.trim());
		expect(commands.length).toBeGreaterThanOrEqual(4);
		for (const command of commands) expect(command).toBe(flags.join(' '));
		expect(script).toBe('dist/bot/start.cjs');
	});
});
