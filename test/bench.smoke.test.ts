// The benchmark still works (`npm run bench:smoke`): compiled into a folder of its own under dist/, run as a child
// process at smoke size against the real bot (`dist/bot/start.cjs`, what `npm start` runs, built by `npm test`), it
// exits 0 and ends with the JSON line carrying every section. No timing is asserted: the smoke run only proves the
// benchmark runs. The scale section starts a throwaway PostgreSQL cluster (test/support/postgresCluster.ts), as the
// PostgreSQL test project does.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from './e2e/support/bot-process.js';

const ROOT = path.resolve(import.meta.dirname, '..');
// Not dist/ itself: compiling bench/ also emits the src files it imports, and other test files start the built bot.
const OUT = path.join(ROOT, 'dist', `.bench-smoke-${process.pid}`);
const SECTIONS = ['startup', 'burst', 'mixed', 'milestones', 'memory', 'scale'] as const;

beforeAll(() => {
	const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
	const build = spawnSync(process.execPath, [tsc, '-p', 'bench/tsconfig.json', '--outDir', OUT], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 120_000,
	});
	expect(build.stdout + build.stderr).toBe('');
	expect(build.status).toBe(0);
}, 150_000);

afterAll(() => {
	rmSync(OUT, { recursive: true, force: true });
});

describe('npm run bench:smoke', () => {
	it('runs every section and ends with one JSON line holding them all', async () => {
		const { code, stdout, stderr } = await runNode(path.join(OUT, 'bench', 'run.js'), ['--smoke'], { cwd: ROOT });
		expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

		const lines = stdout.trim().split('\n');
		const result = JSON.parse(lines.at(-1) ?? '') as Record<string, unknown> & { broken: string[]; mode: string };
		expect(result.mode).toBe('smoke');
		expect(result.broken).toEqual([]);
		for (const section of SECTIONS) expect(result[section], section).toEqual(expect.any(Object));
		const burst = result.burst as { bot: { answered: number; count: number }; floor: { answered: number } };
		expect(burst.bot.count).toBe(50);
		expect(burst.floor.answered).toBeGreaterThan(0);
		const milestones = result.milestones as { scenarios: { posted: number; servers: number }[] };
		for (const s of milestones.scenarios) expect(s.posted).toBe(s.servers);
		// Two processes on PostgreSQL: every sign answered across the shards of both, the total shared.
		const scale = result.scale as {
			burst: { answered: number; count: number };
			totalInDatabase: number;
			expectedTotal: number;
			processes: { burstShare: number }[];
		};
		expect(scale.burst.answered).toBe(scale.burst.count);
		expect(scale.totalInDatabase).toBe(scale.expectedTotal);
		for (const p of scale.processes) expect(p.burstShare).toBeGreaterThan(0);
		// Every figure is printed with its target before the JSON line.
		expect(stdout).toMatch(/p99 bot \/ floor .*target/);
	}, 150_000);
});
