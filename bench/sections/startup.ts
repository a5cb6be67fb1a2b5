// Start-up: `node dist/bot/start.cjs` (npm start) spawned → its "ready" log line, on a fresh database (migrations included).
import { startDiscordDouble } from '../../test/double/index.js';
import { BOT_ENTRY, startChild } from '../lib/child.js';
import type { Report } from '../lib/report.js';
import { max, median, round } from '../lib/stats.js';
import { closeDouble, guildSpecs, tempDir } from '../lib/world.js';
import { type BenchParams, TARGETS } from '../params.js';

export async function benchStartup(params: BenchParams, report: Report) {
	report.heading(`start-up: spawn → "ready" on a fresh database, ${params.startup.runs} run(s), median`);
	const wall: number[] = [];
	const own: number[] = [];
	for (let run = 0; run < params.startup.runs; run++) {
		const double = await startDiscordDouble({ guilds: guildSpecs(params.startup.guilds) });
		const dir = tempDir('startup');
		try {
			// LOG_LEVEL=info only here: the "ready" line is what marks the end of start-up.
			const child = startChild({
				entry: BOT_ENTRY,
				double,
				cwd: dir.path,
				databasePath: dir.file('db/pledge.db'),
				logLevel: 'info',
			});
			const { line, at } = await child.waitForLine('"msg":"ready"', 30_000);
			wall.push(at - child.spawnedAt);
			const ms = /"ms":(\d+)/.exec(line);
			if (ms) own.push(Number(ms[1]));
			const code = await child.stop();
			if (code !== 0) report.fail(`start-up run ${run + 1}: SIGTERM exit code ${code}, expected 0`);
		} finally {
			await closeDouble(double);
			dir.remove();
		}
	}
	const figures = {
		runs: wall.length,
		medianMs: round(median(wall)),
		maxMs: round(max(wall)),
		allMs: wall.map((ms) => round(ms)),
		/** What the bot logs itself: main() entered → ready (without Node's own start and module loading). */
		ownMedianMs: round(median(own)),
	};
	report.target(
		'startup',
		'spawn → ready, median',
		figures.medianMs,
		'ms',
		`≤ ${TARGETS.startupMs} ms`,
		median(wall) <= TARGETS.startupMs,
	);
	report.info('startup', 'spawn → ready, slowest run', figures.maxMs, 'ms');
	report.info('startup', 'main() → ready as the bot logs it, median', figures.ownMedianMs, 'ms');
	return figures;
}
