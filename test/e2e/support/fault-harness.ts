// startHarness's twin for the fault tests: the same real bot in-process on a temp migrated database, built with
// an identify throttle that never waits, so that a fresh IDENTIFY after a non-resumable session is immediate
// (discord.js allows one IDENTIFY per 5 s). Production keeps the throttle: only tests pass the hook.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBot } from '../../../src/bot.js';
import { type Database, openDatabase } from '../../../src/db/client.js';
import { migrateDatabase } from '../../../src/db/migrate.js';
import { createLogger } from '../../../src/log.js';
import { startDiscordDouble } from '../../double/index.js';
import { type Harness, type HarnessOptions, TEST_SIGNER_KEY } from '../harness.js';

export interface FaultHarnessOptions extends HarnessOptions {
	/** Wraps the database the bot's handlers use (the harness's `db` stays the plain client). */
	interpose?: (db: Database) => Database;
}

export async function startFaultHarness(options: FaultHarnessOptions = {}): Promise<Harness> {
	const dir = mkdtempSync(path.join(tmpdir(), 'nmfi-faults-'));
	const dbPath = path.join(dir, 'pledge.db');
	await migrateDatabase({ databasePath: dbPath });
	const db = await openDatabase(dbPath);
	const double = await startDiscordDouble(options);
	const logs: Record<string, unknown>[] = [];
	const log = createLogger({
		level: 'debug',
		secrets: [double.token, TEST_SIGNER_KEY],
		write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
	});
	const clock = { now: options.now ?? new Date() };
	const bot = createBot({
		token: double.token,
		apiUrl: double.apiUrl,
		db: options.interpose ? options.interpose(db) : db,
		log,
		signerKey: TEST_SIGNER_KEY,
		gigFlagsPerHour: options.gigFlagsPerHour ?? 5,
		now: () => clock.now,
		buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }),
	});
	await bot.start();
	return {
		double,
		bot,
		db,
		dbPath,
		log,
		logs,
		clock,
		async close() {
			await bot.stop();
			await db.$disconnect();
			await double.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
