// Issue 9 (storage) through the compiled bot process: the key is checked against the database before anything is
// written, and the data folder and files are private whatever the umask.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/db/prepare.js';
import { type DiscordDouble, startDiscordDouble } from '../double/index.js';
import { BOT_ENTRY, type RunningBot, runNode, START_NODE_FLAGS, startBotProcess } from './support/bot-process.js';

const KEY = 'b0b0000000000000000000000000000000000000000000000000000000000001';
const OTHER_KEY = 'b0b0000000000000000000000000000000000000000000000000000000000002';

let dir: string | undefined;
afterEach(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = undefined;
});

/** A data folder left by an earlier start (migrated, key check recorded). */
async function earlierStart(configuredKey: string | undefined) {
	dir = mkdtempSync(path.join(tmpdir(), 'nmfi-key-'));
	const dbPath = path.join(dir, 'data', 'pledge.db');
	await prepareDatabase({ databasePath: dbPath, configuredKey });
	return { dir, dbPath, dataDir: path.dirname(dbPath) };
}

/** Every file of the folder with its bytes: what "changes nothing" is checked against. */
function snapshot(folder: string): Record<string, string> {
	return Object.fromEntries(
		readdirSync(folder)
			.sort()
			.map((name) => [name, readFileSync(path.join(folder, name)).toString('base64')]),
	);
}

/** The bot as operators start it (npm start's flags); an unreachable Discord, so only start-up before the gateway can succeed. */
const start = (cwd: string, dbPath: string, vars: Record<string, string> = {}) =>
	runNode(BOT_ENTRY, [], {
		cwd,
		nodeFlags: START_NODE_FLAGS,
		vars: {
			DISCORD_TOKEN: 'token',
			DISCORD_API_URL: 'http://127.0.0.1:9/api',
			DATABASE_URL: `file:${dbPath}`,
			...vars,
		},
	});

const oneLine = (stderr: string) => {
	const lines = stderr.trim().split('\n');
	expect(lines).toHaveLength(1);
	expect(stderr).not.toMatch(/\n\s+at /);
	return lines[0] ?? '';
};

describe('key continuity', () => {
	it('stops with one line naming SIGNER_KEY, exit 1, when it is not the database key, and changes nothing', async () => {
		const { dir, dbPath, dataDir } = await earlierStart(KEY);
		const before = snapshot(dataDir);
		const result = await start(dir, dbPath, { SIGNER_KEY: OTHER_KEY });
		expect(result.code).toBe(1);
		expect(oneLine(result.stderr)).toMatch(/SIGNER_KEY is not the key of the database .*nothing was changed/);
		expect(result.stderr).not.toContain(OTHER_KEY);
		expect(snapshot(dataDir)).toEqual(before);
	});

	it('stops the same way when signer.key was replaced by another key', async () => {
		const { dir, dbPath, dataDir } = await earlierStart(undefined);
		writeFileSync(path.join(dataDir, 'signer.key'), `${OTHER_KEY}\n`, { mode: 0o600 });
		const before = snapshot(dataDir);
		const result = await start(dir, dbPath);
		expect(result.code).toBe(1);
		expect(oneLine(result.stderr)).toMatch(/signer\.key is not the key of the database/);
		expect(snapshot(dataDir)).toEqual(before);
	});

	it('refuses to generate a new key next to an existing database whose signer.key was deleted', async () => {
		const { dir, dbPath, dataDir } = await earlierStart(undefined);
		rmSync(path.join(dataDir, 'signer.key'));
		const before = snapshot(dataDir);
		const result = await start(dir, dbPath);
		expect(result.code).toBe(1);
		expect(oneLine(result.stderr)).toMatch(/signer\.key is missing but the database .* exists: .*SIGNER_KEY/);
		expect(snapshot(dataDir)).toEqual(before); // no new signer.key, no migration, no key check written
		expect(Object.keys(before)).not.toContain('signer.key');
	});
});

describe('file modes', () => {
	let double: DiscordDouble;
	let bot: RunningBot | undefined;
	beforeAll(async () => {
		double = await startDiscordDouble();
	});
	afterAll(async () => {
		await bot?.cleanup();
		await double?.close();
	});

	it('makes the data folder 0700 and the database, -wal, -shm and signer.key 0600 under umask 000', async () => {
		bot = startBotProcess(
			{ DISCORD_TOKEN: double.token, DISCORD_API_URL: double.apiUrl, LOG_LEVEL: 'info' },
			{ umask: '000' },
		);
		await bot.waitForLog('ready');
		const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
		const dataDir = path.dirname(bot.dbPath);
		expect(mode(dataDir)).toBe('700');
		for (const file of [bot.dbPath, `${bot.dbPath}-wal`, `${bot.dbPath}-shm`, path.join(dataDir, 'signer.key')]) {
			expect([path.basename(file), mode(file)]).toEqual([path.basename(file), '600']);
		}
	});
});
