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

describe('npm start', () => {
	it("sizes V8's helper threads to the machine's cores, not V8's fixed four (BENCHMARKS.md round 10)", () => {
		// Node's platform: max(1, cores - 1) workers when --v8-pool-size=0, four by default.
		const pool = Math.max(1, availableParallelism() - 1);
		const withoutPoolFlag = flags.filter((flag) => !flag.startsWith('--v8-pool-size'));
		expect(threadsUnder(withoutPoolFlag) - threadsUnder(flags)).toBe(4 - pool);
		expect(flags).toContain('--v8-pool-size=0');
	});
});
