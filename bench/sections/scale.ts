// Scale-out: the bot on PostgreSQL as two processes splitting the shards of a double with many servers (full: 10,000
// servers, 4 shards, SHARD_IDS=0,1 and 2,3), on a throwaway cluster (test/support/postgresCluster.ts).
//
// - processes: the first child migrates the fresh database; it is seeded (signatures, every server with an
//   announcement channel that has had every threshold), then the second child starts. Resident memory of each once
//   settled, then a burst of /pledge sign from servers on every shard, and the shared total read from the database.
// - milestone tick, in-process like the milestones section: the steady tick (nothing due anywhere) on PostgreSQL
//   with few and with many servers; its database time is the sum of its statements' times (onStatementTime: sent →
//   rows back through adapter-pg), its statements counted. The same tick on SQLite at the larger size, alongside.
import { performance } from 'node:perf_hooks';
import { DEFAULT_THRESHOLDS } from '../../src/campaign.js';
import { type DatabaseTarget, openDatabase } from '../../src/db/client.js';
import { migrateDatabase, migratePostgres } from '../../src/db/migrate.js';
import { en } from '../../src/i18n/en.js';
import { type QuietMemo, runMilestoneTick } from '../../src/jobs/milestones.js';
import { type DiscordDouble, startDiscordDouble } from '../../test/double/index.js';
import { guildOnShard } from '../../test/e2e/support/shards.js';
import { type Cluster, startCluster } from '../../test/support/postgresCluster.js';
import { BENCH_SIGNER_KEY, BOT_ENTRY, type RunningChild, startChild, waitUntilAnswering } from '../lib/child.js';
import { expectTitle, runBurst } from '../lib/load.js';
import { cpuSeconds, statusMb } from '../lib/proc.js';
import type { Report } from '../lib/report.js';
import { seedAnnouncements, seedSignatures } from '../lib/seed.js';
import { countSignatures, createDatabase, seedPostgres } from '../lib/seedPostgres.js';
import { max, median, round, summariseLatencies } from '../lib/stats.js';
import { withTickWorld } from '../lib/tickWorld.js';
import { closeDouble, guildSpecs, sleep, tempDir } from '../lib/world.js';
import { type BenchParams, TARGETS } from '../params.js';
import { distinct, signSpec } from './burst.js';

type Params = BenchParams['scale'];

/** Server `g` of the scale double: on shard `g % shards`, as Discord routes it (`(id >> 22) % shards`). */
const shardedGuildId = (g: number, shards: number) => guildOnShard(g % shards, shards, Math.floor(g / shards));

/** The shards each of the two processes runs: the first half and the second half. */
function shardSplit(shards: number): [number[], number[]] {
	const all = Array.from({ length: shards }, (_, s) => s);
	const half = Math.ceil(shards / 2);
	return [all.slice(0, half), all.slice(half)];
}

/** Every default threshold the total can reach during the run: recorded as had, so no tick posts. */
const reachedBy = (total: number) => DEFAULT_THRESHOLDS.filter((n) => n <= total);

interface ProcessFigures {
	shards: number[];
	readyMs: number | null;
	settledRssMb: number | null;
	peakRssAtRestMb: number | null;
	peakRssAfterBurstMb: number | null;
	burstCpuSeconds: number | null;
	/** Interactions of the burst sent to this process's shards. */
	burstShare: number;
	exitCode: number | null;
	warnings: string[];
}

/** VmRSS of each pid every second for `windowMs`; settled is the mean of the last 10 samples of each. */
async function settledRss(pids: readonly number[], windowMs: number): Promise<number[]> {
	const samples = pids.map(() => [] as number[]);
	for (let i = 0; i < windowMs / 1000; i++) {
		await sleep(1000);
		for (const [p, pid] of pids.entries()) samples[p]?.push(statusMb(pid, 'VmRSS'));
	}
	return samples.map((list) => {
		const last = list.slice(-10);
		return last.reduce((a, b) => a + b, 0) / last.length;
	});
}

async function processes(cluster: Cluster, p: Params, report: Report) {
	const guilds = guildSpecs(p.servers, p.channels, p.roles).map((spec, g) => ({
		...spec,
		id: shardedGuildId(g, p.shards),
	}));
	const double = await startDiscordDouble({ shards: p.shards, guilds });
	const dirs = [tempDir('scale-a'), tempDir('scale-b')];
	const children: RunningChild[] = [];
	try {
		const url = await createDatabase(cluster.url, 'nmfi_scale_bot');
		const split = shardSplit(p.shards);
		// One probe server per shard the child runs (server s is on shard s).
		const probeGuilds = (shards: number[]) => shards.map((s) => shardedGuildId(s, p.shards));
		const start = (index: 0 | 1) => {
			const shards = split[index];
			const child = startChild({
				entry: BOT_ENTRY,
				double,
				cwd: dirs[index]?.path ?? '.',
				databaseUrl: url,
				env: { SHARD_COUNT: String(p.shards), SHARD_IDS: shards.join(',') },
			});
			children.push(child);
			return child;
		};
		// The first child migrates the fresh database; the second starts once it answers (migrated).
		const a = start(0);
		await waitUntilAnswering(double, a, 180_000, probeGuilds(split[0]));
		const readyA = performance.now() - a.spawnedAt;
		await seedPostgres(url, {
			signatures: p.signatures,
			signatureGuildIds: guilds.map((g) => g.id),
			targets: double.guilds.map((g) => ({ guildId: g.id, channelId: g.channels[0]?.id ?? '' })),
			recorded: reachedBy(p.signatures + p.commands),
			now: new Date(),
		});
		const b = start(1);
		await waitUntilAnswering(double, b, 180_000, probeGuilds(split[1]));
		const readyB = performance.now() - b.spawnedAt;
		const identified = [...double.identifiedShards].map(([s]) => s).sort((x, y) => x - y);
		if (identified.join(',') !== split.flat().join(','))
			report.fail(`scale: shards identified ${identified.join(',')}, expected ${split.flat().join(',')}`);

		const settled = await settledRss([a.pid, b.pid], p.settleMs);
		const peakAtRest = [statusMb(a.pid, 'VmHWM'), statusMb(b.pid, 'VmHWM')];

		// The burst: signers in servers 0…n-1, so on every shard in turn; both processes answer their own.
		const signed = expectTitle([en.pledge.signedTitle], true);
		const specs = Array.from({ length: p.commands }, (_, i) => signSpec(double, 40, i, signed));
		const cpuBefore = cpuSeconds(b.pid);
		const burst = await runBurst(double, a.pid, specs);
		const cpuB = cpuSeconds(b.pid) - cpuBefore;
		for (const w of burst.wrong.slice(0, 3)) report.fail(`scale burst: wrong answer to ${w.kind}: ${w.reason}`);
		const total = await countSignatures(url);
		const expected = p.signatures + p.commands;
		if (total !== expected) report.fail(`scale: the database holds ${total} signatures, expected ${expected}`);
		const peakAfter = [statusMb(a.pid, 'VmHWM'), statusMb(b.pid, 'VmHWM')];

		const shareOf = (shards: number[]) =>
			specs.filter((_, i) => shards.includes(guildShardOf(double, i, p.shards))).length;
		const exitCodes = [await a.stop(), await b.stop()];
		const figures = (index: 0 | 1, child: RunningChild, readyMs: number, cpu: number): ProcessFigures => ({
			shards: split[index],
			readyMs: round(readyMs),
			settledRssMb: round(settled[index] ?? Number.NaN, 1),
			peakRssAtRestMb: round(peakAtRest[index] ?? Number.NaN, 1),
			peakRssAfterBurstMb: round(peakAfter[index] ?? Number.NaN, 1),
			burstCpuSeconds: round(cpu, 2),
			burstShare: shareOf(split[index]),
			exitCode: exitCodes[index] ?? null,
			warnings: child.problems,
		});
		return {
			processes: [figures(0, a, readyA, burst.cpuSeconds), figures(1, b, readyB, cpuB)],
			burst: {
				...summariseLatencies(burst.latencies, TARGETS.deadlineMs),
				throughput: round(burst.throughput),
				wrong: burst.wrong.length,
				dispatchSpreadMs: round(burst.dispatchSpreadMs),
			},
			totalInDatabase: total,
			expectedTotal: expected,
		};
	} finally {
		for (const child of children) await child.stop();
		await closeDouble(double);
		for (const dir of dirs) dir.remove();
	}
}

/** The shard of the server burst member `i` signs in (signSpec: server `i % servers`). */
function guildShardOf(double: DiscordDouble, i: number, shards: number): number {
	const guild = double.guilds[i % double.guilds.length];
	return guild ? Number((BigInt(guild.id) >> 22n) % BigInt(shards)) : 0;
}

interface TickFigures {
	provider: DatabaseTarget['provider'];
	servers: number;
	coldDbMs: number | null;
	steadyDbMedianMs: number | null;
	steadyDbMaxMs: number | null;
	steadyWallMedianMs: number | null;
	statements: number;
	/** Median time of each statement of the steady tick, in the order run. */
	perStatementMs: { sql: string; ms: number | null }[];
	/** A tick without the memo of the last quiet one: it reads every server. */
	fullDbMedianMs: number | null;
	fullWallMedianMs: number | null;
	fullStatements: number;
	fullPerStatementMs: { sql: string; ms: number | null }[];
}

interface Tick {
	wallMs: number;
	timed: { sql: string; ms: number }[];
}

/** A database with `servers` announcement channels, every reached threshold had: the steady tick, timed. */
async function tick(
	cluster: Cluster,
	provider: DatabaseTarget['provider'],
	servers: number,
	p: Params,
	report: Report,
): Promise<TickFigures> {
	return withTickWorld(`scale tick (${provider}, ${servers})`, servers, report, async ({ double, dir, rest, log }) => {
		const now = new Date();
		const targets = double.guilds.map((g) => ({ guildId: g.id, channelId: g.channels[0]?.id ?? '' }));
		const signatureGuildIds = Array.from({ length: Math.max(servers, 500) }, (_, g) => double.guilds[g]?.id ?? `9${g}`);
		const recorded = reachedBy(p.signatures);
		let target: DatabaseTarget;
		if (provider === 'postgresql') {
			const url = await createDatabase(cluster.url, `nmfi_scale_tick_${servers}`);
			await migratePostgres({ url });
			await seedPostgres(url, { signatures: p.signatures, signatureGuildIds, targets, recorded, now });
			target = { provider, url };
		} else {
			const file = dir.file('pledge.db');
			await migrateDatabase({ databasePath: file });
			seedSignatures(file, {
				count: p.signatures,
				guildIds: signatureGuildIds,
				knownUserIds: [],
				signerKey: 'unused',
				now,
			});
			seedAnnouncements(file, { targets, recorded, total: p.signatures, now });
			target = { provider, path: file };
		}
		let timed: { sql: string; ms: number }[] = [];
		const db = await openDatabase(target, {
			signerKey: BENCH_SIGNER_KEY,
			onStatementTime: (sql, ms) => timed.push({ sql, ms }),
		});
		// As scheduleMilestones runs it: one memo across the ticks of the process.
		const scheduled: QuietMemo = {};
		const once = async (quiet: QuietMemo) => {
			timed = [];
			const started = performance.now();
			const result = await runMilestoneTick({ db, rest, log, quiet });
			if (result.posted.length > 0) report.fail(`scale tick (${provider}, ${servers}): a steady tick posted`);
			return { wallMs: performance.now() - started, timed };
		};
		try {
			const cold = await once(scheduled);
			// A leader runs a tick a minute for days: the first ticks (Prisma's query compiler warming up) are not it.
			for (let i = 0; i < p.warmTicks; i++) await once(scheduled);
			const steady: Tick[] = [];
			for (let i = 0; i < p.steadyTicks; i++) steady.push(await once(scheduled));
			// The tick that reads every server (after a settings change, or a first tick), each without a memo.
			const full: Tick[] = [];
			for (let i = 0; i < p.fullTicks; i++) full.push(await once({}));
			const counts = new Set(steady.map((s) => s.timed.length));
			if (counts.size > 1) report.note(`steady ticks (${provider}) ran varying statement counts: ${[...counts]}`);
			const dbMs = (t: { timed: { ms: number }[] }) => t.timed.reduce((sum, s) => sum + s.ms, 0);
			const perStatement = (ticks: Tick[]) =>
				(ticks[0]?.timed ?? []).map((s, i) => ({
					sql: s.sql.replace(/\s+/g, ' ').slice(0, 60),
					ms: round(median(ticks.map((t) => t.timed[i]?.ms ?? Number.NaN)), 2),
				}));
			return {
				provider,
				servers,
				coldDbMs: round(dbMs(cold), 2),
				steadyDbMedianMs: round(median(steady.map(dbMs)), 2),
				steadyDbMaxMs: round(max(steady.map(dbMs)), 2),
				steadyWallMedianMs: round(median(steady.map((s) => s.wallMs)), 2),
				statements: Math.max(...counts),
				perStatementMs: perStatement(steady),
				fullDbMedianMs: round(median(full.map(dbMs)), 2),
				fullWallMedianMs: round(median(full.map((s) => s.wallMs)), 2),
				fullStatements: Math.max(...full.map((t) => t.timed.length)),
				fullPerStatementMs: perStatement(full),
			};
		} finally {
			await db.$disconnect();
		}
	});
}

export async function benchScale(params: BenchParams, report: Report) {
	const p = params.scale;
	const [first, second] = shardSplit(p.shards);
	report.heading(
		`scale-out on PostgreSQL: ${p.servers.toLocaleString('en-US')} servers × ${p.channels} channels, ${p.roles} roles; ` +
			`${p.shards} shards in 2 processes (SHARD_IDS=${first.join(',')} and ${second.join(',')}); ` +
			`${p.signatures.toLocaleString('en-US')} signatures; RSS settled = mean of the last 10 s of ${p.settleMs / 1000} s; ` +
			`${p.commands} /pledge sign at once over every shard`,
	);
	const cluster = await startCluster();
	try {
		const run = await processes(cluster, p, report);
		run.processes.forEach((proc, i) => {
			const label = `process ${i + 1} (shards ${proc.shards.join(',')})`;
			if (proc.exitCode !== 0) report.fail(`scale: ${label} exit code ${proc.exitCode} on SIGTERM`);
			if (proc.warnings.length > 0) report.note(`${label} logged ${proc.warnings.length}: ${distinct(proc.warnings)}`);
			report.info('scale', `${label}: spawn → answering`, proc.readyMs, 'ms');
			report.info('scale', `${label}: RSS settled`, proc.settledRssMb, 'MB');
			report.info('scale', `${label}: VmHWM before the burst`, proc.peakRssAtRestMb, 'MB');
			report.info('scale', `${label}: VmHWM after the burst`, proc.peakRssAfterBurstMb, 'MB');
			report.info('scale', `${label}: burst interactions to its shards`, proc.burstShare);
			report.info('scale', `${label}: CPU during the burst`, proc.burstCpuSeconds, 's');
		});
		const b = run.burst;
		report.info('scale', 'burst p50', b.p50, 'ms');
		report.info('scale', 'burst p99', b.p99, 'ms');
		report.info('scale', 'burst max', b.max, 'ms');
		report.info('scale', 'burst throughput', b.throughput, '/s');
		report.target('scale', 'burst answers later than 3 s', b.late, '', '= 0', b.late === 0);
		report.info('scale', 'signatures in the database after the burst', run.totalInDatabase);

		const ticks: TickFigures[] = [];
		for (const servers of p.tickServers) ticks.push(await tick(cluster, 'postgresql', servers, p, report));
		const largest = ticks.at(-1) as TickFigures;
		const smallest = ticks[0] as TickFigures;
		const sqlite = await tick(cluster, 'sqlite', largest.servers, p, report);
		for (const t of [...ticks, sqlite]) {
			const label = `${t.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${t.servers.toLocaleString('en-US')} servers`;
			const list = (l: { sql: string; ms: number | null }[]) => l.map((s) => `${s.ms} ms ${s.sql}`).join(' | ');
			report.note(`steady tick (${label}): ${list(t.perStatementMs)}`);
			report.note(`full tick (${label}): ${list(t.fullPerStatementMs)}`);
		}
		for (const [which, ms] of [
			['median', largest.steadyDbMedianMs],
			['slowest', largest.steadyDbMaxMs],
		] as const) {
			report.target(
				'scale',
				`steady tick DB time, PostgreSQL, ${largest.servers} servers, ${which}`,
				ms,
				'ms',
				`≤ ${TARGETS.scaleTickDbMs} ms`,
				(ms ?? Number.POSITIVE_INFINITY) <= TARGETS.scaleTickDbMs,
			);
		}
		report.target(
			'scale',
			`steady tick statements, ${smallest.servers} / ${largest.servers} servers`,
			largest.statements,
			'',
			'equal',
			smallest.statements === largest.statements,
		);
		report.info(
			'scale',
			`steady tick wall time, PostgreSQL, ${largest.servers} servers`,
			largest.steadyWallMedianMs,
			'ms',
		);
		report.info('scale', `first tick DB time, PostgreSQL, ${largest.servers} servers`, largest.coldDbMs, 'ms');
		report.info('scale', `full tick DB time, PostgreSQL, ${largest.servers} servers`, largest.fullDbMedianMs, 'ms');
		report.info('scale', `full tick wall time, PostgreSQL, ${largest.servers} servers`, largest.fullWallMedianMs, 'ms');
		report.info(
			'scale',
			`full tick statements, ${smallest.servers} / ${largest.servers} servers`,
			largest.fullStatements,
		);
		if (smallest.fullStatements !== largest.fullStatements)
			report.fail(`scale: the full tick ran ${smallest.fullStatements} and ${largest.fullStatements} statements`);
		report.info(
			'scale',
			`steady tick DB time, SQLite, ${sqlite.servers} servers, median`,
			sqlite.steadyDbMedianMs,
			'ms',
		);
		report.info('scale', `steady tick wall time, SQLite, ${sqlite.servers} servers`, sqlite.steadyWallMedianMs, 'ms');
		report.info('scale', `full tick DB time, SQLite, ${sqlite.servers} servers`, sqlite.fullDbMedianMs, 'ms');
		return { ...run, ticks, sqliteTick: sqlite };
	} finally {
		cluster.stop();
	}
}
