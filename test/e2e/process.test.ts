// The bot as operators run it: the compiled entry points as child processes, against the double.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/commands/definitions.js';
import { type DiscordDouble, startDiscordDouble } from '../double/index.js';
import { bool, str, textOf } from './harness.js';
import { BOT_ENTRY, type RunningBot, runNode, START_NODE_FLAGS, startBotProcess } from './support/bot-process.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEPLOY = path.join(ROOT, 'dist/scripts/deploy-commands.js');

/** LOG_LEVEL warn unless a test says otherwise: stderr and stdout stay small. The bot runs with npm start's flags. */
const run = (file: string, cwd: string, vars: Record<string, string>) =>
	runNode(file, [], {
		cwd,
		vars: { LOG_LEVEL: 'warn', ...vars },
		...(file === BOT_ENTRY ? { nodeFlags: START_NODE_FLAGS } : {}),
	});

let double: DiscordDouble;
let dir: string;
beforeAll(async () => {
	double = await startDiscordDouble();
});
afterAll(async () => {
	await double?.close();
});
afterEach(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
	dir = mkdtempSync(path.join(tmpdir(), 'nmfi-proc-'));
	return dir;
};

describe('deploy-commands', () => {
	it('PUTs the full command set globally, reading the application id from Discord, and prints it', async () => {
		const result = await run(DEPLOY, tempDir(), { DISCORD_TOKEN: double.token, DISCORD_API_URL: double.apiUrl });
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(double.requests.some((r) => r.method === 'GET' && r.path === '/applications/@me')).toBe(true);
		const put = double.requests.findLast((r) => r.method === 'PUT');
		expect(put?.path).toBe(`/applications/${double.applicationId}/commands`);
		expect(put?.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions)));
		for (const name of ['pledge', 'demands', 'gig', 'setup']) expect(result.stdout).toContain(`/${name}`);
		expect(result.stdout).toContain('message menu: Flag Amazon-linked gig');

		const body = put?.body as { name: string; default_member_permissions?: string; options?: unknown[] }[];
		const pledge = body.find((c) => c.name === 'pledge');
		const subcommands = (pledge?.options ?? []) as { name: string; options: { name: string }[] }[];
		const sign = subcommands.find((o) => o.name === 'sign');
		expect(sign?.options).toEqual([
			expect.objectContaining({ name: 'artist_name', type: 3, max_length: 100 }),
			expect.objectContaining({ name: 'city', type: 3, max_length: 100 }),
			expect.objectContaining({ name: 'public', type: 5 }),
		]);
		expect(body.find((c) => c.name === 'setup')?.default_member_permissions).toBe('32');
	});

	it('uses the guild route when DISCORD_GUILD_ID is set', async () => {
		const guildId = double.guilds[0]?.id ?? '';
		const result = await run(DEPLOY, tempDir(), {
			DISCORD_TOKEN: double.token,
			DISCORD_API_URL: double.apiUrl,
			DISCORD_APPLICATION_ID: double.applicationId,
			DISCORD_GUILD_ID: guildId,
		});
		expect(result.code).toBe(0);
		expect(double.requests.findLast((r) => r.method === 'PUT')?.path).toBe(
			`/applications/${double.applicationId}/guilds/${guildId}/commands`,
		);
		expect(result.stdout).toContain(`in server ${guildId}`);
	});
});

describe('start-up', () => {
	it('exits 1 with one clear line when DISCORD_TOKEN is missing', async () => {
		const result = await run(BOT_ENTRY, tempDir(), {});
		expect(result.code).toBe(1);
		const lines = result.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('DISCORD_TOKEN is required');
		expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
	});

	it.each([
		['DISCORD_API_URL', 'nope'],
		['DATABASE_URL', 'mysql://x'],
		['MILESTONE_CRON', 'sometimes'],
	])('exits 1 naming %s when it is malformed', async (name, value) => {
		const result = await run(BOT_ENTRY, tempDir(), { DISCORD_TOKEN: 'x', [name]: value });
		expect(result.code).toBe(1);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain(name);
	});

	it('exits 1 with one line, not a reconnect loop, when Discord rejects the token', async () => {
		const result = await run(BOT_ENTRY, tempDir(), { DISCORD_TOKEN: 'wrong-token', DISCORD_API_URL: double.apiUrl });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('DISCORD_TOKEN was rejected');
		expect(result.stderr).not.toContain('wrong-token');
	});
});

describe('npm start against the double', () => {
	let bot: RunningBot | undefined;
	afterEach(async () => {
		await bot?.cleanup();
	});

	// discord.js picks a cache's limit by its manager's class name and warns once when the channel caches are limited
	// (npm start hides that warning). The bundle npm start runs must keep the names, or channels are cached unlimited.
	it('runs with the channel caches limited as src/client.ts says: discord.js names both managers in its warning', async () => {
		bot = startBotProcess(
			{ DISCORD_TOKEN: double.token, DISCORD_API_URL: double.apiUrl, LOG_LEVEL: 'info' },
			{ nodeFlags: START_NODE_FLAGS.filter((flag) => !flag.startsWith('--disable-warning')) },
		);
		const ready = await bot.waitForLog('ready', 10_000);
		// The bundle ran from the V8 code cache the build made for it (src/boot/codeCache.ts).
		expect(ready.codeCache).toBe('used');
		// stderr and stdout are separate pipes: the warnings may arrive after the "ready" line.
		await expect.poll(() => bot?.stderr()).toContain('Overriding the cache handling for ChannelManager is unsupported');
		await expect
			.poll(() => bot?.stderr())
			.toContain('Overriding the cache handling for GuildChannelManager is unsupported');
	});

	it('creates and migrates a fresh database, answers commands, and stops cleanly on SIGTERM', async () => {
		bot = startBotProcess({
			DISCORD_TOKEN: double.token,
			DISCORD_API_URL: double.apiUrl,
			DATABASE_URL: 'file:./db/bot.db',
			LOG_LEVEL: 'info',
		});
		// Start-up time (DESIGN.md: well under 1.5 s) is measured by `npm run bench` (its startup section, median of
		// several starts): one start on a machine shared with other suites says nothing about it.
		await bot.waitForLog('ready', 10_000);
		expect(statSync(path.join(bot.dir, 'db/bot.db')).size).toBeGreaterThan(0);
		expect(statSync(path.join(bot.dir, 'db/signer.key')).mode & 0o777).toBe(0o600);
		expect(readFileSync(path.join(bot.dir, 'db/signer.key'), 'utf8')).toMatch(/^[0-9a-f]{64}\n?$/); // 32 random bytes, hex

		const sign = double.sendCommand({
			name: 'pledge',
			subcommand: 'sign',
			options: [str('city', 'Lisbon'), bool('public', false)],
		});
		// Within Discord's 3 s: the double refuses a later callback (10062), so no reply would arrive.
		const reply = await double.waitForReply(sign, 3000);
		expect(textOf(reply.data)).toContain('You signed the pledge');
		const demands = await double.waitForReply(double.sendCommand({ name: 'demands' }), 3000);
		expect(textOf(demands.data)).toContain('Demand 4');

		const stopAt = performance.now();
		bot.child.kill('SIGTERM');
		const exit = await bot.exited;
		expect(exit.code).toBe(0);
		expect(exit.at - stopAt).toBeLessThan(5000);
		expect(bot.stdout() + bot.stderr()).not.toContain(double.token);
	});
});
