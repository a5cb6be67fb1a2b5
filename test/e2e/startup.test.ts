// Start-up logs in while the database is still being prepared (src/main.ts): what arrives in that window waits for
// the database instead of being dropped (discord.js buffers nothing) or handled without it; past the grace
// (STARTING_GRACE_MS), the member is told the bot is starting, within Discord's 3 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Events } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { STARTING_GRACE_MS } from '../../src/bot.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import { catalogueFor } from '../../src/i18n/index.js';
import { waitFor } from '../support/waitFor.js';
import { command, type Harness, startHarness, str, textOf } from './harness.js';
import { BOT_ENTRY, runNode, START_NODE_FLAGS } from './support/bot-process.js';

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
	await h?.close();
	h = undefined;
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = undefined;
});

/** The bot logged in, its database opening only when `open` is called (as src/main.ts starts while migrating). */
async function startBeforeTheDatabase(): Promise<{ harness: Harness; open: () => void }> {
	let open = () => {};
	const opened = new Promise<void>((resolve) => {
		open = resolve;
	});
	h = await startHarness({ databaseOpensAfter: opened });
	return { harness: h, open };
}

describe('interactions during start-up', () => {
	it('answers a command that arrived before the database was open, once it is', async () => {
		const { harness, open } = await startBeforeTheDatabase();
		const received = new Promise<void>((resolve) => harness.bot.client.once(Events.InteractionCreate, () => resolve()));
		const member = { user: { id: '100000000000000777', username: 'early', global_name: 'early' } };
		const signed = command(harness, 'pledge', 'sign', [str('city', 'Lagos')], member);
		await received;
		expect(await harness.db.signature.count()).toBe(0);
		// Within the grace (STARTING_GRACE_MS): handled as usual.
		open();
		const reply = await signed;
		expect(reply.ephemeral).toBe(true);
		expect(textOf(reply.data)).toContain('Lagos');
		expect(await harness.db.signature.count()).toBe(1);
	});
});

describe('interactions during a slow start-up', () => {
	it('tells members the bot is starting, privately and in their language, and never handles those commands', async () => {
		const { harness, open } = await startBeforeTheDatabase();
		// The harness's close waits for the database: it opens whatever the assertions do.
		try {
			const at = performance.now();
			const suggested = harness.double.waitForResponse(
				harness.double.sendAutocomplete({
					name: 'pledge',
					subcommand: 'unlist',
					options: [{ name: 'name', type: 3, value: 'a' }],
					focused: 'name',
				}),
			);
			// The double refuses a callback after Discord's 3 s: an answer here came in time.
			const [english, spanish] = await Promise.all([
				command(harness, 'pledge', 'sign', [str('city', 'Lagos')], { user: { id: '100000000000000778' } }),
				command(harness, 'pledge', 'sign', [str('city', 'Quito')], {
					user: { id: '100000000000000779' },
					locale: 'es-419',
				}),
			]);
			// The bot waited out the grace (less 5 ms: ids and timers count whole milliseconds of Date.now()).
			expect(performance.now() - at).toBeGreaterThanOrEqual(STARTING_GRACE_MS - 5);
			expect(english).toMatchObject({ ephemeral: true, data: { content: catalogueFor('en-US').errors.starting } });
			expect(spanish).toMatchObject({ ephemeral: true, data: { content: catalogueFor('es-419').errors.starting } });
			expect(((await suggested).data as { choices?: unknown }).choices).toEqual([]);
			// Logged once each answer is through.
			await waitFor(
				() => harness.logs.filter((l) => l.msg === 'interaction answered while starting').length === 3,
				'three "answered while starting" log lines',
			);
		} finally {
			open();
		}
		// Handled once the database is open; the early commands, had they been kept, would have been handled first.
		const later = await command(harness, 'pledge', 'sign', [str('city', 'Dakar')], {
			user: { id: '100000000000000780' },
		});
		expect(textOf(later.data)).toContain('Dakar');
		expect(await harness.db.signature.count()).toBe(1);
	});

	it('counts the grace from when Discord created the interaction, not from when the busy bot read it', async () => {
		const { harness, open } = await startBeforeTheDatabase();
		try {
			const asked = command(harness, 'pledge', 'sign', [], { user: { id: '100000000000000781' } });
			// A synchronous data step (better-sqlite3) holds the event loop 1.5 s: the command waits unread.
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
			// Answered by the bot within Discord's 3 s (the double refuses a later callback).
			expect(await asked).toMatchObject({ ephemeral: true, data: { content: catalogueFor('en-US').errors.starting } });
		} finally {
			open();
		}
	});
});

describe('the compiled bot’s start-up', () => {
	it('stops with the migrator’s one line and exit 1 when the history does not match the migrations folder', async () => {
		// The migrations run while the Discord modules load and the gateway logs in: their MigrationError still ends
		// start-up with its one line, whatever the login does meanwhile.
		dir = mkdtempSync(path.join(tmpdir(), 'nmfi-startup-'));
		const dbPath = path.join(dir, 'data', 'pledge.db');
		await prepareDatabase({ databasePath: dbPath, configuredKey: undefined });
		const db = new Database(dbPath);
		db.exec(`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
			SELECT 'later', checksum, finished_at, '20991231000000_later', started_at, 1 FROM _prisma_migrations LIMIT 1`);
		db.close();
		// As `npm start` runs it: the client may exist by then, and its one known warning is off (src/client.ts).
		const result = await runNode(BOT_ENTRY, [], {
			nodeFlags: START_NODE_FLAGS,
			cwd: dir,
			vars: { DISCORD_TOKEN: 'token', DISCORD_API_URL: 'http://127.0.0.1:9/api', DATABASE_URL: `file:${dbPath}` },
		});
		expect(result.code).toBe(1);
		const lines = result.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^nomusicforice-bot: Migration 20991231000000_later applied to .* is missing from /);
	});
});
