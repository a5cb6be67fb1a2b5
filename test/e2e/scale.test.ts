// Scale-out (issue 12) with the compiled bot as separate processes on one database (a SQLite file; PostgreSQL in its
// project): shards split over processes,
// one milestone job at a time (the lease), each post claimed before it is sent, and a claim left by a SIGKILL settled
// from the channel, not by Discord's nonce check (the double's nonce window is 0 here: it deduplicates nothing).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { type DiscordDouble, type SentInteraction, startDiscordDouble } from '../double/index.js';
import type { GuildState } from '../double/state.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';
import { waitFor } from '../support/waitFor.js';
import { OPTION, textOf } from './harness.js';
import { type RunningBot, startBotProcess } from './support/bot-process.js';
import { killHard, waitUntilAnswering } from './support/crash-bot.js';
import { guildOnShard } from './support/shards.js';

const SIGNER_KEY = '5ca1e00000000000000000000000000000000000000000000000000000000001';
const MANAGE_GUILD = 1n << 5n;
const ADMIN = { id: '100000000000000002', username: 'organiser' };
const userId = (n: number) => (310_000_000_000_000_000n + BigInt(n)).toString();

let double: DiscordDouble | undefined;
let database: TestDatabase;
/** The test's own connection to the shared database, opened once the bots have migrated it. */
let reader: Database | undefined;
const processes: RunningBot[] = [];

beforeEach(async () => {
	database = await createTestDatabase('nmfi-scale-');
});
afterEach(async () => {
	for (const started of processes.splice(0)) await started.cleanup();
	await double?.close();
	double = undefined;
	await reader?.$disconnect();
	reader = undefined;
	await database.drop();
});

function start(d: DiscordDouble, vars: Record<string, string> = {}): RunningBot {
	const started = startBotProcess({
		DISCORD_TOKEN: d.token,
		DISCORD_API_URL: d.apiUrl,
		DATABASE_URL: database.url,
		SIGNER_KEY,
		MILESTONE_CRON: '* * * * * *',
		LOG_LEVEL: 'info',
		...vars,
	});
	processes.push(started);
	return started;
}

/** Processes start, elect and post on a loaded machine: waits here allow 15 s. */
const PROCESS_WAIT = { timeoutMs: 15_000 };

const textChannel = (guild: GuildState) => {
	const channel = guild.channels.find((c) => c.type === 0);
	if (!channel) throw new Error('no text channel');
	return channel;
};

async function answer(d: DiscordDouble, sent: SentInteraction) {
	return d.waitForReply(sent, 5000);
}

async function setUpMilestones(d: DiscordDouble, guild: GuildState, thresholds: string): Promise<void> {
	const admin = { memberPermissions: MANAGE_GUILD, user: ADMIN, guildId: guild.id };
	const channel = await answer(
		d,
		d.sendCommand({
			name: 'setup',
			subcommand: 'announcements',
			options: [{ name: 'channel', type: OPTION.channel, value: textChannel(guild).id }],
			...admin,
		}),
	);
	expect(textOf(channel.data)).toContain(`<#${textChannel(guild).id}>`);
	const list = await answer(
		d,
		d.sendCommand({
			name: 'setup',
			subcommand: 'milestones',
			options: [{ name: 'thresholds', type: OPTION.string, value: thresholds }],
			...admin,
		}),
	);
	expect(textOf(list.data)).toContain('Milestones set to');
}

async function sign(d: DiscordDouble, guild: GuildState, n: number): Promise<void> {
	const reply = await answer(
		d,
		d.sendCommand({ name: 'pledge', subcommand: 'sign', guildId: guild.id, user: { id: userId(n) } }),
	);
	expect(textOf(reply.data)).toContain('You signed the pledge');
}

/** Milestone posts the double created in the guild's channel, by threshold (from the picture's name). */
const postsIn = (d: DiscordDouble, guild: GuildState) =>
	(d.messages.get(textChannel(guild).id) ?? []).map((m) => m.attachments[0]?.filename);

async function shared(): Promise<Database> {
	reader ??= await openDatabase(database.target, { signerKey: SIGNER_KEY });
	return reader;
}

/** The lease row, read from the shared database. */
async function leaseRow(): Promise<{ holder: string; expiresAt: number }> {
	const row = await (await shared()).jobLease.findUniqueOrThrow({ where: { name: 'milestones' } });
	return { holder: row.holder, expiresAt: row.expiresAt.getTime() };
}

async function claimRows(): Promise<{ threshold: number; state: string; messageId: string | null }[]> {
	return (await shared()).milestoneAnnouncement.findMany({
		select: { threshold: true, state: true, messageId: true },
		orderBy: { threshold: 'asc' },
	});
}

/** Waits until the lease has been renewed `times` more times: that many more ticks ran somewhere. */
async function ticksPass(times: number): Promise<void> {
	let seen = (await leaseRow()).expiresAt;
	let renewals = 0;
	await waitFor(
		async () => {
			const now = (await leaseRow()).expiresAt;
			if (now !== seen) renewals += 1;
			seen = now;
			return renewals >= times;
		},
		`${times} lease renewals`,
		PROCESS_WAIT,
	);
}

const holderOf = (bot: RunningBot) =>
	bot
		.logs()
		.filter((l) => l.msg === 'lease taken')
		.map((l) => l.holder)
		.at(-1);

describe('shards over processes', () => {
	it('stops with one line when SHARD_COUNT is below what Discord requires (close 4011)', async () => {
		double = await startDiscordDouble({ shards: 2 });
		const bot = start(double, { SHARD_COUNT: '1' });
		const exit = await bot.exited;
		expect(exit.code).toBe(1);
		expect(bot.stderr()).toMatch(/^nomusicforice-bot: .*4011.*SHARD_COUNT.*\n$/);
		expect(double.identifiedShards).toEqual([]);
	});

	it('stops with one line when SHARD_IDS names a shard beyond the recommended count', async () => {
		double = await startDiscordDouble({ shards: 2 });
		const bot = start(double, { SHARD_IDS: '2' });
		expect((await bot.exited).code).toBe(1);
		expect(bot.stderr()).toMatch(/^nomusicforice-bot: SHARD_IDS is invalid: shard 2 .*\n$/);
	});

	it('splits the shards over two processes on one database: each answers its shard, the total is shared, a threshold posts once; the lease moves when the leader dies', async () => {
		const guilds = [
			{ id: guildOnShard(0, 2), channels: [{ type: 0 }] },
			{ id: guildOnShard(1, 2), channels: [{ type: 0 }] },
		];
		double = await startDiscordDouble({ shards: 2, guilds });
		const d = double;
		const [g0, g1] = d.guilds as [GuildState, GuildState];
		// SHARDS is discord.js's own variable: the bot's explicit options must win over it.
		const a = start(d, { SHARD_IDS: '0', SHARDS: '[1]' });
		await waitUntilAnswering(d, a, 15_000, g0.id);
		// Blank is unset (a copied .env.example), though discord.js would read a blank SHARD_COUNT as 0.
		const b = start(d, { SHARD_IDS: '1', SHARD_COUNT: '' });
		await waitUntilAnswering(d, b, 15_000, g1.id);
		expect([...d.identifiedShards].sort()).toEqual([
			[0, 2],
			[1, 2],
		]);

		await setUpMilestones(d, g0, '2, 4');
		await setUpMilestones(d, g1, '2, 4');
		await sign(d, g0, 1);
		await sign(d, g1, 2);
		const status = await answer(
			d,
			d.sendCommand({ name: 'pledge', subcommand: 'status', guildId: g1.id, user: { id: userId(1) } }),
		);
		expect(textOf(status.data)).toMatch(/Signers in total: 2\b/);

		await waitFor(() => postsIn(d, g0).length > 0 && postsIn(d, g1).length > 0, 'the posts of 2', PROCESS_WAIT);
		await ticksPass(3);
		expect(postsIn(d, g0)).toEqual(['milestone-2.png']);
		expect(postsIn(d, g1)).toEqual(['milestone-2.png']);

		// The leader dies holding the lease; the other process takes the job over once the lease has expired.
		const leaderHolder = (await leaseRow()).holder;
		const [leader, survivor, survivorGuild] = holderOf(a) === leaderHolder ? [a, b, g1] : [b, a, g0];
		expect(holderOf(leader)).toBe(leaderHolder);
		await killHard(leader);
		await sign(d, survivorGuild, 3);
		await sign(d, survivorGuild, 4);
		await survivor.waitForLog('lease taken', 15_000);
		await waitFor(() => postsIn(d, g0).length > 1 && postsIn(d, g1).length > 1, 'the posts of 4', PROCESS_WAIT);
		await ticksPass(3);
		expect((await leaseRow()).holder).toBe(holderOf(survivor));
		expect(postsIn(d, g0)).toEqual(['milestone-2.png', 'milestone-4.png']);
		expect(postsIn(d, g1)).toEqual(['milestone-2.png', 'milestone-4.png']);
	}, 60_000);
});

describe('a crash between Discord creating the post and the bot recording it', () => {
	it('posts once after a restart even when Discord no longer deduplicates the nonce', async () => {
		double = await startDiscordDouble({ nonceWindowMs: 0 });
		const d = double;
		const guild = d.guilds[0] as GuildState;
		const channelId = textChannel(guild).id;
		const first = start(d);
		await waitUntilAnswering(d, first);
		await setUpMilestones(d, guild, '1');

		// The double holds the post, the bot is killed as it arrives, then Discord creates the message.
		d.delay({ method: 'POST', path: new RegExp(`^/channels/${channelId}/messages$`), ms: 500 });
		const posts = () => d.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
		await sign(d, guild, 1);
		await waitFor(() => posts().length === 1, 'the milestone post', PROCESS_WAIT);
		await killHard(first);
		await waitFor(
			() => (d.messages.get(channelId) ?? []).length === 1,
			'Discord to create the held post',
			PROCESS_WAIT,
		);
		expect(await claimRows()).toEqual([{ threshold: 1, state: 'claimed', messageId: null }]);

		const second = start(d);
		await waitUntilAnswering(d, second);
		await second.waitForLog('milestone claim settled');
		await ticksPass(2);
		const message = d.messages.get(channelId)?.[0];
		expect(d.messages.get(channelId)).toHaveLength(1);
		expect(posts()).toHaveLength(1);
		expect(await claimRows()).toEqual([{ threshold: 1, state: 'done', messageId: message?.id }]);
		expect(d.requests.filter((r) => r.method === 'GET' && r.path === `/channels/${channelId}/messages`)).toHaveLength(
			1,
		);
	}, 40_000);
});
