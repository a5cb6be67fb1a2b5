// Mixed: a burst of sign 60 %, status 20 %, demands 10 %, gig list 10 % against a database that already holds
// 100,000 signatures and 10,000 gig flags.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { runDataSteps } from '../../src/db/dataSteps.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { en } from '../../src/i18n/en.js';
import type { DiscordDouble } from '../../test/double/index.js';
import { BENCH_SIGNER_KEY, BOT_ENTRY } from '../lib/child.js';
import { type BurstResult, type CommandSpec, expectTitle } from '../lib/load.js';
import type { Report } from '../lib/report.js';
import { seedGigs, seedSignatures } from '../lib/seed.js';
import { prng, round, summariseLatencies } from '../lib/stats.js';
import { guildId, guildSpecs, memberId, type TempDir, tempDir } from '../lib/world.js';
import type { BenchParams } from '../params.js';
import { burstAgainst, distinct, pooled, signSpec } from './burst.js';

/** Member group of the seeded signers whose rows carry their real pseudonym. */
const KNOWN = 1;

/** A migrated database file with the seed, made once and copied for every round. */
async function template(params: BenchParams['mixed'], dir: TempDir): Promise<{ path: string; seedMs: number }> {
	const started = performance.now();
	const file = dir.file('template.db');
	await migrateDatabase({ databasePath: file });
	const now = new Date();
	// Signatures come from the double's servers and from servers elsewhere (500 in all at full size).
	const signatureGuilds = Array.from({ length: Math.max(params.guilds, Math.ceil(params.signatures / 200)) }, (_, g) =>
		guildId(g),
	);
	seedSignatures(file, {
		count: params.signatures,
		guildIds: signatureGuilds,
		knownUserIds: Array.from({ length: params.commands }, (_, i) => memberId(KNOWN, i)),
		signerKey: BENCH_SIGNER_KEY,
		now,
	});
	seedGigs(file, { count: params.gigs, guildIds: Array.from({ length: params.gigGuilds }, (_, g) => guildId(g)), now });
	// The seed writes details in clear, as a database from before encryption: encrypt them as start-up would, once
	// here rather than in every round's measured start.
	runDataSteps(file, BENCH_SIGNER_KEY, 'SIGNER_KEY');
	return { path: file, seedMs: performance.now() - started };
}

/** The mix, shuffled the same way every run. Signers and status askers are different people. */
function mixedSpecs(double: DiscordDouble, params: BenchParams['mixed'], round: number): CommandSpec[] {
	const random = prng(100 + round);
	const n = params.commands;
	const kinds: string[] = [];
	for (let i = 0; i < n; i++)
		kinds.push(i < n * 0.6 ? 'sign' : i < n * 0.8 ? 'status' : i < n * 0.9 ? 'demands' : 'gig list');
	for (let i = kinds.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[kinds[i], kinds[j]] = [kinds[j] as string, kinds[i] as string];
	}
	const signed = expectTitle([en.pledge.signedTitle, en.pledge.updatedTitle], true);
	const signers = { fresh: 0, known: 0 };
	let askers = 0;
	return kinds.map((kind, i): CommandSpec => {
		const guild = double.guilds[i % double.guilds.length];
		const where = guild ? { guildId: guild.id } : {};
		switch (kind) {
			case 'sign': {
				// One signer in ten signs again (a seeded signature, so the reply says "updated").
				if (i % 10 === 0) {
					const spec = signSpec(double, 50 + round, i, signed);
					return { ...spec, opts: { ...spec.opts, user: { id: memberId(KNOWN, signers.known++) } } };
				}
				signers.fresh++;
				return signSpec(double, 50 + round, i, signed);
			}
			case 'status': {
				// Half of them signed before (seeded), half never did.
				const asker = askers++;
				const known = asker % 2 === 0;
				return {
					kind,
					opts: {
						name: 'pledge',
						subcommand: 'status',
						...where,
						user: { id: known ? memberId(KNOWN, n - 1 - asker) : memberId(60 + round, i) },
					},
					check: expectTitle([known ? en.pledge.statusSignedTitle : en.pledge.notSignedTitle], true),
				};
			}
			case 'demands':
				return {
					kind,
					opts: { name: 'demands', ...where, user: { id: memberId(70 + round, i) } },
					check: expectTitle([en.demands.title], false),
				};
			default:
				return {
					kind,
					opts: {
						name: 'gig',
						subcommand: 'list',
						options: i % 2 === 0 ? [] : [{ name: 'page', type: 4, value: 1 + (i % 5) }],
						...where,
						user: { id: memberId(80 + round, i) },
					},
					check: expectTitle([en.gig.listTitle], false),
				};
		}
	});
}

export async function benchMixed(params: BenchParams, report: Report) {
	const p = params.mixed;
	report.heading(
		`mixed: ${p.commands} at once (sign 60 %, status 20 %, demands 10 %, gig list 10 %) on ` +
			`${p.signatures.toLocaleString('en-US')} signatures and ${p.gigs.toLocaleString('en-US')} gigs; ${p.rounds} round(s)`,
	);
	const dir = tempDir('mixed');
	try {
		const seeded = await template(p, dir);
		report.info('mixed', 'seeding (migrate + insert)', round(seeded.seedMs), 'ms');
		const results: BurstResult[] = [];
		for (let r = 0; r < p.rounds; r++) {
			const run = await burstAgainst({
				entry: BOT_ENTRY,
				guilds: guildSpecs(p.guilds),
				specsFor: (double) => mixedSpecs(double, p, r),
				prepare: (databasePath) => {
					mkdirSync(path.dirname(databasePath), { recursive: true });
					copyFileSync(seeded.path, databasePath);
				},
			});
			results.push(run.result);
			if (run.exitCode !== 0) report.fail(`mixed round ${r + 1}: bot exit code ${run.exitCode} on SIGTERM`);
			for (const w of run.result.wrong.slice(0, 3))
				report.fail(`mixed round ${r + 1}: wrong answer to ${w.kind}: ${w.reason}`);
			report.note(
				`round ${r + 1}: p99 ${summariseLatencies(run.result.latencies).p99 ?? '∞'} ms` +
					(run.child.problems.length
						? `; bot logged ${run.child.problems.length} warning(s): ${distinct(run.child.problems)}`
						: ''),
			);
		}
		const all = pooled(results);
		if (all.answered === 0) report.fail('mixed: the bot answered nothing');
		const byKind: Record<string, ReturnType<typeof summariseLatencies>> = {};
		for (const kind of ['sign', 'status', 'demands', 'gig list']) {
			byKind[kind] = summariseLatencies(results.flatMap((r) => r.byKind.get(kind) ?? []));
		}
		report.info('mixed', 'p50', all.p50, 'ms');
		report.info('mixed', 'p99', all.p99, 'ms');
		report.info('mixed', 'max', all.max, 'ms');
		for (const [kind, s] of Object.entries(byKind)) {
			report.info('mixed', `${kind}: p50`, s.p50, 'ms');
			report.info('mixed', `${kind}: p99`, s.p99, 'ms');
		}
		report.info('mixed', 'throughput', all.throughput, '/s');
		report.info('mixed', 'bot CPU during the burst (median round)', all.cpuSeconds, 's');
		report.info('mixed', 'bot peak RSS, VmHWM (median round)', all.peakRssMb, 'MB');
		report.target('mixed', 'answers later than 3 s', all.late, '', '= 0', all.late === 0);
		return { ...all, byKind, seedMs: round(seeded.seedMs) };
	} finally {
		dir.remove();
	}
}
