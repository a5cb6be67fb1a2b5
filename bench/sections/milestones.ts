// Milestone tick, in-process: openDatabase with onStatement counting SQL, runMilestoneTick against the double.
//
// What "one tick" is here:
// - steady-state tick: every server with an announcement channel has already had every threshold the total
//   reached, so the tick finds nothing to post. This is what runs every minute almost always; the ≤ 50 ms
//   target is about it (its DB work: the total and the targets query, and the filtering in JS).
// - posting tick: the highest reached threshold is due in every server, so the tick renders the picture and
//   posts to every announcement channel, then records. Its time is dominated by discord.js's global limit of
//   50 requests/s (Discord's own), so it is reported, not judged; its statement count is.
import { performance } from 'node:perf_hooks';
import { DEFAULT_THRESHOLDS } from '../../src/campaign.js';
import { openDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { runMilestoneTick } from '../../src/jobs/milestones.js';
import { BENCH_SIGNER_KEY } from '../lib/child.js';
import type { Report } from '../lib/report.js';
import { execute, seedAnnouncements, seedSignatures } from '../lib/seed.js';
import { max, median, round } from '../lib/stats.js';
import { withTickWorld } from '../lib/tickWorld.js';
import { guildId } from '../lib/world.js';
import { type BenchParams, TARGETS } from '../params.js';

interface Scenario {
	servers: number;
	coldTickMs: number | null;
	steadyTickMedianMs: number | null;
	steadyTickMaxMs: number | null;
	steadyStatements: number;
	postingTickMs: number | null;
	postingStatements: number;
	posted: number;
	/** A steady tick right after the posting one: must post nothing again. */
	repostedAfter: number;
}

async function scenario(servers: number, params: BenchParams['milestones'], report: Report): Promise<Scenario> {
	return withTickWorld(`milestones (${servers})`, servers, report, async ({ double, dir, rest, log }) => {
		const file = dir.file('pledge.db');
		await migrateDatabase({ databasePath: file });
		const now = new Date();
		const total = params.signatures;
		seedSignatures(file, {
			count: total,
			guildIds: Array.from({ length: Math.max(servers, 500) }, (_, g) => guildId(g)),
			knownUserIds: [],
			signerKey: 'unused',
			now,
		});
		const reached = DEFAULT_THRESHOLDS.filter((n) => n <= total);
		const highest = reached.at(-1) ?? 0;
		seedAnnouncements(file, {
			targets: double.guilds.map((g) => ({ guildId: g.id, channelId: g.channels[0]?.id ?? '' })),
			recorded: reached,
			total,
			now,
		});

		let statements = 0;
		const db = await openDatabase(file, {
			signerKey: BENCH_SIGNER_KEY,
			onStatement: () => {
				statements++;
			},
		});
		const deps = { db, rest, log };
		const tick = async () => {
			statements = 0;
			const started = performance.now();
			const result = await runMilestoneTick(deps);
			return { ms: performance.now() - started, statements, result };
		};
		try {
			const cold = await tick();
			if (cold.result.posted.length > 0)
				report.fail(`milestones (${servers}): a steady tick posted ${cold.result.posted.length}`);
			const steady: number[] = [];
			const steadyStatements = new Set<number>();
			for (let i = 0; i < params.steadyTicks; i++) {
				const t = await tick();
				steady.push(t.ms);
				steadyStatements.add(t.statements);
				if (t.result.posted.length > 0) report.fail(`milestones (${servers}): a steady tick posted`);
			}
			if (steadyStatements.size > 1) report.note(`steady ticks ran varying statement counts: ${[...steadyStatements]}`);

			// The highest reached threshold becomes due everywhere (removed outside the counted connection).
			execute(file, 'DELETE FROM MilestoneAnnouncement WHERE threshold = ?', highest);
			const posting = await tick();
			const messages = [...double.messages.values()].reduce((n, list) => n + list.length, 0);
			if (posting.result.posted.length !== servers || messages !== servers) {
				report.fail(
					`milestones (${servers}): posting tick posted ${posting.result.posted.length}, ` +
						`${messages} messages arrived, expected ${servers} (retry ${posting.result.retry.length}, broken ${posting.result.broken.length})`,
				);
			}
			const after = await tick();
			return {
				servers,
				coldTickMs: round(cold.ms, 1),
				steadyTickMedianMs: round(median(steady), 1),
				steadyTickMaxMs: round(max(steady), 1),
				steadyStatements: Math.max(...steadyStatements),
				postingTickMs: round(posting.ms),
				postingStatements: posting.statements,
				posted: posting.result.posted.length,
				repostedAfter: after.result.posted.length,
			};
		} finally {
			await db.$disconnect();
		}
	});
}

export async function benchMilestones(params: BenchParams, report: Report) {
	const p = params.milestones;
	report.heading(
		`milestone tick (in-process): ${p.signatures.toLocaleString('en-US')} signatures; servers ${p.servers.join(' and ')}; ` +
			`${p.steadyTicks} steady ticks after a first (cold) one`,
	);
	const results: Scenario[] = [];
	for (const servers of p.servers) {
		const s = await scenario(servers, p, report);
		results.push(s);
		if (s.repostedAfter > 0) report.fail(`milestones (${servers}): ${s.repostedAfter} posts repeated on the next tick`);
	}
	const largest = results.at(-1) as Scenario;
	const smallest = results[0] as Scenario;
	report.target(
		'milestones',
		`steady tick, ${largest.servers} servers, median`,
		largest.steadyTickMedianMs,
		'ms',
		`≤ ${TARGETS.steadyTickMs} ms`,
		(largest.steadyTickMedianMs ?? Number.POSITIVE_INFINITY) <= TARGETS.steadyTickMs,
	);
	report.target(
		'milestones',
		`steady tick, ${largest.servers} servers, slowest`,
		largest.steadyTickMaxMs,
		'ms',
		`≤ ${TARGETS.steadyTickMs} ms`,
		(largest.steadyTickMaxMs ?? Number.POSITIVE_INFINITY) <= TARGETS.steadyTickMs,
	);
	report.info('milestones', `first tick after start, ${largest.servers} servers`, largest.coldTickMs, 'ms');
	for (const s of results) {
		report.info('milestones', `steady tick statements, ${s.servers} servers`, s.steadyStatements);
		report.info('milestones', `posting tick statements, ${s.servers} servers`, s.postingStatements);
		report.info('milestones', `posting tick, ${s.servers} posts`, s.postingTickMs, 'ms');
	}
	report.target(
		'milestones',
		`statements per tick same for ${smallest.servers} and ${largest.servers} servers`,
		largest.postingStatements,
		'',
		'equal (steady and posting)',
		smallest.steadyStatements === largest.steadyStatements && smallest.postingStatements === largest.postingStatements,
	);
	return { scenarios: results };
}
