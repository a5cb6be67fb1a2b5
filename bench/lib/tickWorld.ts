// What an in-process milestone tick measurement runs in: a double with one announcement channel per server, a temp
// folder, a discord.js REST to the double and a logger that keeps what the job logged (reported as a note).
import { REST } from '@discordjs/rest';
import { createLogger, type Logger } from '../../src/log.js';
import { type DiscordDouble, startDiscordDouble } from '../../test/double/index.js';
import type { Report } from './report.js';
import { closeDouble, guildSpecs, type TempDir, tempDir } from './world.js';

export interface TickWorld {
	double: DiscordDouble;
	dir: TempDir;
	rest: REST;
	log: Logger;
}

export async function withTickWorld<T>(
	label: string,
	servers: number,
	report: Report,
	run: (world: TickWorld) => Promise<T>,
): Promise<T> {
	const double = await startDiscordDouble({ guilds: guildSpecs(servers, 1) });
	const dir = tempDir('tick');
	const problems: string[] = [];
	try {
		const rest = new REST({ api: double.apiUrl }).setToken(double.token);
		const log = createLogger({ level: 'warn', secrets: [double.token], write: (line) => problems.push(line) });
		return await run({ double, dir, rest, log });
	} finally {
		await closeDouble(double);
		dir.remove();
		if (problems.length > 0)
			report.note(`${label}: ${problems.length} log line(s), first: ${problems[0]?.slice(0, 200)}`);
	}
}
