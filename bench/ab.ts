// Start-up A/B: two or more builds or flag sets started in turn, start by start, on a fresh database and the same
// double, so that the shared machine's drifting speed falls on all of them alike (BENCHMARKS.md "Round 4").
// Spawn → "ready" (mean ± standard error, median), the process's CPU until then, and the bot's own figure.
//
//   node dist/bench/ab.js <starts> <variant> <variant> …
//   a variant: an entry (dist/bot/start.cjs of some build, absolute), or "<node flags>|<entry>" for other flags
//   (a V8 flag needs a code cache built under it, or the "ready" line says `rejected`).
import { startDiscordDouble } from '../test/double/index.js';
import { BOT_ENTRY, startChild } from './lib/child.js';
import { cpuSeconds } from './lib/proc.js';
import { mean, median, round, standardError } from './lib/stats.js';
import { closeDouble, guildSpecs, tempDir } from './lib/world.js';

interface Variant {
	label: string;
	entry: string;
	flags?: string[];
	wall: number[];
	cpu: number[];
	own: number[];
	caches: Set<string>;
}

const [startsArg, ...specs] = process.argv.slice(2);
const starts = Number(startsArg);
if (!Number.isInteger(starts) || starts < 2 || specs.length === 0) {
	process.stderr.write('usage: node dist/bench/ab.js <starts ≥ 2> <variant> …  (variant: entry, or "flags|entry")\n');
	process.exit(2);
}
const variants: Variant[] = specs.map((spec) => {
	const [flags, entry] = spec.includes('|') ? spec.split('|') : [undefined, spec];
	return {
		label: spec,
		entry: entry || BOT_ENTRY,
		...(flags !== undefined ? { flags: flags.split(' ').filter(Boolean) } : {}),
		wall: [],
		cpu: [],
		own: [],
		caches: new Set(),
	};
});

for (let i = 0; i < starts; i++) {
	for (const variant of variants) {
		const double = await startDiscordDouble({ guilds: guildSpecs(20) });
		const dir = tempDir('ab');
		try {
			const child = startChild({
				entry: variant.entry,
				double,
				cwd: dir.path,
				databasePath: dir.file('db/pledge.db'),
				logLevel: 'info',
				...(variant.flags ? { nodeFlags: variant.flags } : {}),
			});
			const { line, at } = await child.waitForLine('"msg":"ready"', 30_000);
			variant.wall.push(at - child.spawnedAt);
			variant.cpu.push(cpuSeconds(child.pid) * 1000);
			variant.own.push(Number(/"ms":(\d+)/.exec(line)?.[1]));
			variant.caches.add(/"codeCache":"(\w+)"/.exec(line)?.[1] ?? 'none');
			await child.stop();
		} finally {
			await closeDouble(double);
			dir.remove();
		}
	}
}
for (const v of variants) {
	process.stdout.write(
		`spawn → ready median ${round(median(v.wall))} ms, mean ${round(mean(v.wall))} ± ${round(standardError(v.wall))}` +
			` | CPU ${round(mean(v.cpu))} ± ${round(standardError(v.cpu))} ms | main() → ready median ${median(v.own)} ms` +
			` | code cache ${[...v.caches].join(', ')} | ${v.label}\n`,
	);
}
