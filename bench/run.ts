// npm run bench / npm run bench:smoke. Starts the project's Discord double in this process and the real bot
// (`node dist/bot/start.cjs`, as `npm start` runs it) as a child process; prints every figure with its target,
// then one JSON line with everything.
//
//   node dist/bench/run.js                    full run: targets judged, exit 1 when one fails
//   node dist/bench/run.js --smoke            (or BENCH_SMOKE=1) small sizes for CI: exit 0 unless something broke
//   node dist/bench/run.js --only=burst,mixed one or more of: startup, burst, mixed, milestones, memory, scale
//   node dist/bench/run.js --rounds=1         fewer burst/mixed rounds (quick looks; not for recorded figures)
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { BOT_ENTRY, FLOOR_ENTRY } from './lib/child.js';
import { Report } from './lib/report.js';
import { round } from './lib/stats.js';
import { type BenchParams, FULL, SECTIONS, type Section, SMOKE } from './params.js';
import { benchBurst } from './sections/burst.js';
import { benchMemory } from './sections/memory.js';
import { benchMilestones } from './sections/milestones.js';
import { benchMixed } from './sections/mixed.js';
import { benchScale } from './sections/scale.js';
import { benchStartup } from './sections/startup.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const roundsArg = Number(args.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length));
const base: BenchParams = smoke ? SMOKE : FULL;
// --rounds=N changes the number of burst and mixed rounds (for quick looks while optimising).
const params: BenchParams =
	Number.isInteger(roundsArg) && roundsArg > 0
		? { ...base, burst: { ...base.burst, rounds: roundsArg }, mixed: { ...base.mixed, rounds: roundsArg } }
		: base;
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = onlyArg
	? onlyArg.split(',').filter((s): s is Section => (SECTIONS as readonly string[]).includes(s))
	: [...SECTIONS];

function machine() {
	const cpus = os.cpus();
	let loadavg: number[] = os.loadavg();
	try {
		loadavg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
	} catch {}
	return {
		nproc: os.availableParallelism(),
		cpu: cpus[0]?.model ?? 'unknown',
		memoryGb: round(os.totalmem() / 1024 ** 3, 1),
		node: process.version,
		platform: `${os.platform()} ${os.release()}`,
		loadavgAtStart: loadavg,
	};
}

async function main(): Promise<number> {
	const started = performance.now();
	for (const entry of [BOT_ENTRY, FLOOR_ENTRY]) {
		if (!existsSync(entry)) {
			process.stderr.write(
				`bench: ${entry} is missing: run \`npm run build\` and compile bench/ first (npm run bench)\n`,
			);
			return 2;
		}
	}
	const report = new Report(!smoke);
	const env = machine();
	process.stdout.write(
		`nomusicforice-bot benchmark (${params.mode}) · ${env.nproc} CPUs (${env.cpu}) · node ${env.node} · ` +
			`load ${env.loadavgAtStart.join(' ')}\n`,
	);
	const results: Record<string, unknown> = {};
	const run: Record<Section, () => Promise<unknown>> = {
		startup: () => benchStartup(params, report),
		burst: () => benchBurst(params, report),
		mixed: () => benchMixed(params, report),
		milestones: () => benchMilestones(params, report),
		memory: () => benchMemory(params, report),
		scale: () => benchScale(params, report),
	};
	for (const section of only) {
		try {
			results[section] = await run[section]();
		} catch (error) {
			report.fail(`${section}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
			results[section] = null;
		}
	}
	const failed = report.failedTargets;
	const pass = failed.length === 0 && report.broken.length === 0;
	report.heading(
		`${pass ? 'PASS' : 'FAIL'}: ${report.figures.filter((f) => f.pass !== undefined).length - failed.length} of ` +
			`${report.figures.filter((f) => f.pass !== undefined).length} targets met` +
			(report.broken.length ? `, ${report.broken.length} functional problem(s)` : '') +
			(smoke ? ' (smoke: targets not judged)' : '') +
			` · ${round((performance.now() - started) / 1000, 1)} s`,
	);
	const json = {
		bench: 'nomusicforice-bot',
		mode: params.mode,
		machine: env,
		sections: only,
		...results,
		targets: report.figures
			.filter((f) => f.pass !== undefined)
			.map((f) => ({ section: f.section, name: f.name, value: f.value, target: f.target, pass: f.pass })),
		broken: report.broken.map((b) => b.split('\n')[0]),
		pass,
		seconds: round((performance.now() - started) / 1000, 1),
	};
	process.stdout.write(`${JSON.stringify(json)}\n`);
	if (report.broken.length > 0) return 2;
	return smoke || pass ? 0 : 1;
}

main().then(
	(code) => {
		process.exitCode = code;
		// Timers of a failed wait may still be pending: the bench is done.
		setTimeout(() => process.exit(code), 100).unref();
	},
	(error: unknown) => {
		process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(2);
	},
);
