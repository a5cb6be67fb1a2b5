// Starts the real bot (discord.js client, Prisma, migrator) against the local Discord double, on the test backend
// (SQLite; PostgreSQL in the postgres project: test/support/testDatabase.ts).
import { readFileSync } from 'node:fs';
import { type Bot, createBot } from '../../src/bot.js';
import { bindLike, type Database, type DatabaseTarget, openDatabase } from '../../src/db/client.js';
import { prepareTarget } from '../../src/db/prepare.js';
import { createLogger, type Logger } from '../../src/log.js';
import { type DiscordDouble, type DoubleOptions, startDiscordDouble } from '../double/index.js';
import { allLogSources } from '../setup/logSources.js';
import { createTestDatabase } from '../support/testDatabase.js';

export const TEST_SIGNER_KEY = '7e57000000000000000000000000000000000000000000000000000000000001';

export interface Harness {
	double: DiscordDouble;
	bot: Bot;
	db: Database;
	/** The database the bot runs on. */
	target: DatabaseTarget;
	/** The SQLite file ('' on PostgreSQL). */
	dbPath: string;
	log: Logger;
	/** Every log line the bot wrote, parsed. */
	logs: Record<string, unknown>[];
	/** Moves the bot's clock. */
	clock: { now: Date };
	close(): Promise<void>;
}

export interface HarnessOptions extends DoubleOptions {
	gigFlagsPerHour?: number;
	now?: Date;
	/** Count SQL statements (milestone tests). */
	onStatement?: (sql: string) => void;
	/** Wraps the database the bot's handlers use (the harness's `db` stays the plain client); the batched statements
	 * of signing run on the shared connection, outside the wrapper (src/db/signatureBatches.ts). */
	interpose?: (db: Database) => Database;
	/** The bot gets its database only once this settles, after logging in (as src/main.ts starts while migrating). */
	databaseOpensAfter?: Promise<unknown>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
	const database = await createTestDatabase('nmfi-e2e-');
	const { target } = database;
	// The start-up path of src/main.ts: key check, private files, migrations, data steps.
	await prepareTarget(target, TEST_SIGNER_KEY);
	const db = await openDatabase(target, {
		signerKey: TEST_SIGNER_KEY,
		...(options.onStatement ? { onStatement: options.onStatement } : {}),
	});
	const botDb = options.interpose ? options.interpose(db) : db;
	if (botDb !== db) bindLike(botDb, db);
	const double = await startDiscordDouble(options);
	const logs: Record<string, unknown>[] = [];
	const lines: string[] = [];
	// Every line is checked after the file against what members sent (test/setup/noLeaks.ts).
	allLogSources.add({ lines: () => lines });
	const log = createLogger({
		level: 'debug',
		secrets: [double.token, TEST_SIGNER_KEY],
		write: (line) => {
			lines.push(line);
			logs.push(JSON.parse(line) as Record<string, unknown>);
		},
	});
	const clock = { now: options.now ?? new Date() };
	const bot = createBot({
		token: double.token,
		apiUrl: double.apiUrl,
		db: options.databaseOpensAfter ? options.databaseOpensAfter.then(() => botDb) : botDb,
		log,
		signerKey: TEST_SIGNER_KEY,
		gigFlagsPerHour: options.gigFlagsPerHour ?? 5,
		now: () => clock.now,
		// discord.js allows one IDENTIFY per 5 s; tests of non-resumable sessions should not wait for it.
		// Production never passes this hook.
		buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }),
	});
	await bot.start();
	return {
		double,
		bot,
		db,
		target,
		dbPath: target.provider === 'sqlite' ? target.path : '',
		log,
		logs,
		clock,
		async close() {
			await bot.stop();
			await db.$disconnect();
			await double.close();
			await database.drop();
		},
	};
}

/**
 * Everything the database holds, as bytes to search: the SQLite file (WAL checkpointed into it), or on PostgreSQL
 * every row of every table of the bot as text.
 */
export async function storedBytes(h: Harness): Promise<Buffer> {
	if (h.target.provider === 'sqlite') {
		await h.db.$executeRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
		return readFileSync(h.target.path);
	}
	const tables = await h.db.$queryRawUnsafe<{ name: string }[]>(
		`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`,
	);
	const rows: string[] = [];
	for (const { name } of tables) {
		const found = await h.db.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${name}" t`);
		rows.push(...found.map((r) => r.row));
	}
	return Buffer.from(rows.join('\n'));
}

export const OPTION = { string: 3, integer: 4, boolean: 5, channel: 7, role: 8 } as const;

type Option = { name: string; type: number; value: unknown };
type Actor = Parameters<DiscordDouble['sendCommand']>[0];

/** Sends a slash command through the gateway and waits for what the member sees. */
export function command(
	h: Harness,
	name: string,
	subcommand: string | undefined,
	options: Option[] = [],
	actor: Omit<Actor, 'name' | 'subcommand' | 'options'> = {},
) {
	const sent = h.double.sendCommand({ ...actor, name, ...(subcommand ? { subcommand } : {}), options });
	return h.double.waitForReply(sent, 5000);
}

export const str = (name: string, value: unknown): Option => ({ name, type: OPTION.string, value });
export const int = (name: string, value: unknown): Option => ({ name, type: OPTION.integer, value });
export const bool = (name: string, value: unknown): Option => ({ name, type: OPTION.boolean, value });

/** Every text the member can read in a reply: content, embed titles, descriptions, fields, footers. */
export function textOf(data: { content?: string | undefined; embeds?: unknown[] | undefined }): string {
	const parts: string[] = [data.content ?? ''];
	for (const e of (data.embeds ?? []) as {
		title?: string;
		description?: string;
		fields?: { name: string; value: string }[];
		footer?: { text: string };
	}[]) {
		parts.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '');
		for (const f of e.fields ?? []) parts.push(`${f.name}: ${f.value}`);
	}
	return parts.join('\n');
}
