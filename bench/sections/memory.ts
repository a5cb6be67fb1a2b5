// Memory: the bot child in a double with many servers (full: 2,500 with 50 channels and 20 roles each);
// resident memory once it has settled after ready. The floor bot (plain discord.js, default caches) alongside.
import { performance } from 'node:perf_hooks';
import { startDiscordDouble } from '../../test/double/index.js';
import { BOT_ENTRY, FLOOR_ENTRY, startChild, waitUntilAnswering } from '../lib/child.js';
import { statusMb } from '../lib/proc.js';
import type { Report } from '../lib/report.js';
import { round } from '../lib/stats.js';
import { closeDouble, guildSpecs, sleep, tempDir } from '../lib/world.js';
import type { BenchParams } from '../params.js';

/**
 * Settled: RSS sampled every second for `windowMs` after the child first answered; the figure is the mean of the
 * last 10 s.
 * V8's memory reducer gives back the heap grown while the GUILD_CREATE flood was parsed only after some 30 s of low
 * allocation, so a shorter wait would report the start-up peak, not the bot at rest. Also reported: RSS 10 s after.
 */
async function settledRss(
	pid: number,
	windowMs: number,
): Promise<{ rssMb: number; earlyMb: number; spreadMb: number }> {
	const samples: number[] = [];
	for (let i = 0; i < windowMs / 1000; i++) {
		await sleep(1000);
		samples.push(statusMb(pid, 'VmRSS'));
	}
	const last = samples.slice(-10);
	return {
		rssMb: last.reduce((a, b) => a + b, 0) / last.length,
		earlyMb: samples[9] ?? Number.NaN,
		spreadMb: Math.max(...last) - Math.min(...last),
	};
}

async function measure(entry: string, params: BenchParams['memory'], settleMs: number) {
	const double = await startDiscordDouble({ guilds: guildSpecs(params.guilds, params.channels, params.roles) });
	const dir = tempDir('memory');
	try {
		const child = startChild({ entry, double, cwd: dir.path, databasePath: dir.file('db/pledge.db') });
		await waitUntilAnswering(double, child, 120_000);
		const readyMs = performance.now() - child.spawnedAt;
		const settled = await settledRss(child.pid, settleMs);
		const peak = statusMb(child.pid, 'VmHWM');
		const exitCode = await child.stop();
		return { readyMs, settled, peak, exitCode, problems: child.problems };
	} finally {
		await closeDouble(double);
		dir.remove();
	}
}

export async function benchMemory(params: BenchParams, report: Report) {
	const p = params.memory;
	report.heading(
		`memory: ${p.guilds.toLocaleString('en-US')} servers × ${p.channels} channels, ${p.roles} roles; RSS once settled (mean of the last 10 s of ${p.settleMs / 1000} s after answering)`,
	);
	const bot = await measure(BOT_ENTRY, p, p.settleMs);
	if (bot.exitCode !== 0) report.fail(`memory: bot exit code ${bot.exitCode} on SIGTERM`);
	if (bot.problems.length > 0) report.note(`bot logged ${bot.problems.length} warning(s): ${bot.problems[0]}`);
	// The floor is measured the same way (the same wait): the target is the bot at or below it.
	const floor = await measure(FLOOR_ENTRY, p, p.settleMs);
	const figures = {
		bot: {
			settledRssMb: round(bot.settled.rssMb, 1),
			peakRssMb: round(bot.peak, 1),
			readyMs: round(bot.readyMs),
			rss10sAfterReadyMb: round(bot.settled.earlyMb, 1),
			lastTenSecondsSpreadMb: round(bot.settled.spreadMb, 1),
		},
		floor: {
			settledRssMb: round(floor.settled.rssMb, 1),
			peakRssMb: round(floor.peak, 1),
			readyMs: round(floor.readyMs),
		},
	};
	report.target(
		'memory',
		'bot RSS once settled',
		figures.bot.settledRssMb,
		'MB',
		`≤ the floor's ${figures.floor.settledRssMb} MB`,
		bot.settled.rssMb <= floor.settled.rssMb,
	);
	report.info('memory', 'bot RSS 10 s after it first answered', figures.bot.rss10sAfterReadyMb, 'MB');
	report.info('memory', 'bot peak RSS (VmHWM)', figures.bot.peakRssMb, 'MB');
	report.info('memory', 'bot spawn → answering', figures.bot.readyMs, 'ms');
	report.info('memory', 'floor (default caches) RSS once settled', figures.floor.settledRssMb, 'MB');
	report.info('memory', 'floor peak RSS (VmHWM)', figures.floor.peakRssMb, 'MB');
	return figures;
}
