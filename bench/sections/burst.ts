// Burst: N `/pledge sign` from N distinct members dispatched at once, against the bot and against the floor.
import { en } from '../../src/i18n/en.js';
import { type DiscordDouble, type GuildSpec, startDiscordDouble } from '../../test/double/index.js';
import { BOT_ENTRY, FLOOR_ENTRY, type RunningChild, startChild, waitUntilAnswering } from '../lib/child.js';
import { type BurstResult, type CommandSpec, expectContent, expectTitle, runBurst } from '../lib/load.js';
import type { Report } from '../lib/report.js';
import { median, round, summariseLatencies } from '../lib/stats.js';
import { closeDouble, guildSpecs, memberId, sleep, tempDir } from '../lib/world.js';
import { type BenchParams, TARGETS } from '../params.js';

const OPTION = { string: 3, boolean: 5 } as const;

/** Sign options vary like real members': nothing, a city, or an artist name shown publicly. */
export function signSpec(double: DiscordDouble, group: number, i: number, check: CommandSpec['check']): CommandSpec {
	const guild = double.guilds[i % double.guilds.length];
	const options =
		i % 3 === 0
			? []
			: i % 3 === 1
				? [{ name: 'city', type: OPTION.string, value: `City ${i % 97}` }]
				: [
						{ name: 'artist_name', type: OPTION.string, value: `Band ${i}` },
						{ name: 'public', type: OPTION.boolean, value: true },
					];
	return {
		kind: 'sign',
		opts: {
			name: 'pledge',
			subcommand: 'sign',
			options,
			...(guild ? { guildId: guild.id } : {}),
			user: { id: memberId(group, i), username: `member${i}`, global_name: `Member ${i}` },
		},
		check,
	};
}

export interface BurstRun {
	entry: string;
	guilds: GuildSpec[];
	specsFor: (double: DiscordDouble) => CommandSpec[];
	/** The bot's database file inside its temp dir; a fresh one (migrated at start-up) when `prepare` leaves it absent. */
	prepare?: (databasePath: string) => void;
}

/** One fresh child (bot or floor) in its own double: ready, idle 500 ms, the burst, then SIGTERM. */
export async function burstAgainst(
	run: BurstRun,
): Promise<{ result: BurstResult; child: RunningChild; exitCode: number | null }> {
	const double = await startDiscordDouble({ guilds: run.guilds });
	const dir = tempDir('burst');
	try {
		const databasePath = dir.file('db/pledge.db');
		run.prepare?.(databasePath);
		const child = startChild({ entry: run.entry, double, cwd: dir.path, databasePath });
		await waitUntilAnswering(double, child, 60_000);
		await sleep(500);
		const result = await runBurst(double, child.pid, run.specsFor(double));
		const exitCode = await child.stop();
		return { result, child, exitCode };
	} finally {
		await closeDouble(double);
		dir.remove();
	}
}

/** Pools the rounds: every latency of every round, and the median of the per-round figures. */
export function pooled(results: readonly BurstResult[]) {
	const latencies = results.flatMap((r) => r.latencies);
	return {
		rounds: results.length,
		...summariseLatencies(latencies, TARGETS.deadlineMs),
		throughput: round(median(results.map((r) => r.throughput))),
		cpuSeconds: round(median(results.map((r) => r.cpuSeconds)), 2),
		peakRssMb: round(median(results.map((r) => r.peakRssMb)), 1),
		dispatchSpreadMs: round(median(results.map((r) => r.dispatchSpreadMs))),
		wrong: results.reduce((n, r) => n + r.wrong.length, 0),
	};
}

export async function benchBurst(params: BenchParams, report: Report) {
	const { commands, rounds } = params.burst;
	report.heading(
		`burst: ${commands} /pledge sign from ${commands} distinct members at once; a warm-up, then ${rounds} round(s) of fresh processes, order alternating`,
	);
	const floor: BurstResult[] = [];
	const bot: BurstResult[] = [];
	const signed = expectTitle([en.pledge.signedTitle], true);
	const guilds = guildSpecs(params.burst.guilds);
	const signs = (group: number, check: CommandSpec['check']) => (double: DiscordDouble) =>
		Array.from({ length: commands }, (_, i) => signSpec(double, group, i, check));
	// The double runs in this process: one unmeasured burst first warms it (JIT), so that whichever child goes
	// first in round 1 is not measured against a cold double. Then the order alternates: floor first in odd rounds.
	await burstAgainst({ entry: FLOOR_ENTRY, guilds, specsFor: signs(9, expectContent('ok')) });
	for (let r = 0; r < rounds; r++) {
		const runFloor = () => burstAgainst({ entry: FLOOR_ENTRY, guilds, specsFor: signs(10 + r, expectContent('ok')) });
		const runBot = () => burstAgainst({ entry: BOT_ENTRY, guilds, specsFor: signs(20 + r, signed) });
		const f = r % 2 === 0 ? await runFloor() : undefined;
		const b = await runBot();
		const fl = f ?? (await runFloor());
		floor.push(fl.result);
		bot.push(b.result);
		if (b.exitCode !== 0) report.fail(`burst round ${r + 1}: bot exit code ${b.exitCode} on SIGTERM`);
		for (const w of b.result.wrong.slice(0, 3))
			report.fail(`burst round ${r + 1}: wrong answer to ${w.kind}: ${w.reason}`);
		report.note(
			`round ${r + 1} (${f ? 'floor first' : 'bot first'}): floor p99 ${round(summariseLatencies(fl.result.latencies).p99 ?? Number.NaN)} ms, ` +
				`bot p99 ${round(summariseLatencies(b.result.latencies).p99 ?? Number.NaN)} ms` +
				(b.child.problems.length
					? `; bot logged ${b.child.problems.length} warning(s): ${distinct(b.child.problems)}`
					: ''),
		);
	}
	const figures = {
		floor: pooled(floor),
		bot: pooled(bot),
		ratios: { p99: null as number | null, throughput: null as number | null },
	};
	if (figures.floor.answered === 0) report.fail('burst: the floor bot answered nothing');
	if (figures.bot.answered === 0) report.fail('burst: the bot answered nothing');
	const p99Ratio = (figures.bot.p99 ?? Number.POSITIVE_INFINITY) / (figures.floor.p99 ?? Number.NaN);
	const throughputRatio = (figures.bot.throughput ?? 0) / (figures.floor.throughput ?? Number.NaN);
	figures.ratios = { p99: round(p99Ratio, 2), throughput: round(throughputRatio, 2) };

	for (const [name, f] of [
		['floor', figures.floor],
		['bot', figures.bot],
	] as const) {
		report.info('burst', `${name} p50`, f.p50, 'ms');
		report.info('burst', `${name} p90`, f.p90, 'ms');
		report.info('burst', `${name} p99`, f.p99, 'ms');
		report.info('burst', `${name} max`, f.max, 'ms');
		report.info('burst', `${name} throughput`, f.throughput, '/s');
		report.info('burst', `${name} CPU during the burst (median round)`, f.cpuSeconds, 's');
		report.info('burst', `${name} peak RSS, VmHWM (median round)`, f.peakRssMb, 'MB');
		if (name === 'bot') {
			report.target('burst', 'bot answers later than 3 s', f.late, '', '= 0', f.late === 0);
		} else {
			report.info('burst', 'floor answers later than 3 s', f.late);
		}
	}
	report.target(
		'burst',
		'p99 bot / floor',
		figures.ratios.p99,
		'×',
		`≤ ${TARGETS.p99VsFloor}×`,
		p99Ratio <= TARGETS.p99VsFloor,
	);
	report.target(
		'burst',
		'throughput bot / floor',
		figures.ratios.throughput,
		'×',
		`≥ ${TARGETS.throughputVsFloor}×`,
		throughputRatio >= TARGETS.throughputVsFloor,
	);
	report.info('burst', 'dispatch spread (first → last dispatch)', figures.bot.dispatchSpreadMs, 'ms');
	return figures;
}

/** The distinct problems a child logged, with counts (first three). */
export function distinct(problems: readonly string[]): string {
	const counts = new Map<string, number>();
	for (const p of problems) counts.set(p, (counts.get(p) ?? 0) + 1);
	return [...counts]
		.slice(0, 3)
		.map(([p, n]) => `${n}× ${p}`)
		.join('; ');
}
