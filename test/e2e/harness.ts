// Starts the real bot (discord.js client, Prisma, migrator) against the local Discord double.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Bot, createBot } from '../../src/bot.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import { createLogger, type Logger } from '../../src/log.js';
import { bindDetailsCipher, createDetailsCipher } from '../../src/privacy/detailsCipher.js';
import { type DiscordDouble, type DoubleOptions, startDiscordDouble } from '../double/index.js';
import { allLogSources } from '../setup/logSources.js';

export const TEST_SIGNER_KEY = '7e57000000000000000000000000000000000000000000000000000000000001';

export interface Harness {
	double: DiscordDouble;
	bot: Bot;
	db: Database;
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
	/** Wraps the database the bot's handlers use (the harness's `db` stays the plain client). */
	interpose?: (db: Database) => Database;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
	const dir = mkdtempSync(path.join(tmpdir(), 'nmfi-e2e-'));
	const dbPath = path.join(dir, 'pledge.db');
	// The start-up path of src/index.ts: key check, private files, migrations, data steps.
	await prepareDatabase({ databasePath: dbPath, configuredKey: TEST_SIGNER_KEY });
	const db = await openDatabase(dbPath, {
		signerKey: TEST_SIGNER_KEY,
		...(options.onStatement ? { onStatement: options.onStatement } : {}),
	});
	const botDb = options.interpose ? options.interpose(db) : db;
	if (botDb !== db) bindDetailsCipher(botDb, createDetailsCipher(TEST_SIGNER_KEY));
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
		db: botDb,
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
