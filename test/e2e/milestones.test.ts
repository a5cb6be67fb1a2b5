// The milestone job end to end: the real job, the real discord.js REST client, the local Discord double and a
// migrated SQLite file. Each test starts its own harness: the campaign total is global and the double remembers
// nonces, so sharing one would let one test's posts answer another's.
import { setImmediate } from 'node:timers/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBot } from '../../src/bot.js';
import { bindLike, type Database, openDatabase } from '../../src/db/client.js';
import { updateGuildSettings } from '../../src/db/guildSettings.js';
import { leaseOf } from '../../src/db/lease.js';
import {
	MILESTONE_LEASE,
	type MilestoneDeps,
	milestoneNonce,
	type QuietMemo,
	runMilestoneTick,
	scheduleMilestones,
} from '../../src/jobs/milestones.js';
import type { ChannelState, GuildSpec, GuildState, RecordedRequest } from '../double/index.js';
import { waitFor } from '../support/waitFor.js';
import {
	command,
	type Harness,
	type HarnessOptions,
	OPTION,
	startHarness,
	str,
	TEST_SIGNER_KEY,
	textOf,
} from './harness.js';

const MANAGE_GUILD = 1n << 5n;
const VIEW_CHANNEL = 1n << 10n;
const SEND_MESSAGES = 1n << 11n;
const ADMIN = { user: { id: '400000000000000001', username: 'organiser' }, memberPermissions: MANAGE_GUILD };

const open: Harness[] = [];
afterEach(async () => {
	vi.restoreAllMocks();
	for (const h of open.splice(0)) await h.close();
});

async function harness(options: HarnessOptions = {}): Promise<Harness> {
	const h = await startHarness(options);
	open.push(h);
	return h;
}

/** One server per spec, each with one text channel unless said otherwise. */
const servers = (n: number, spec: GuildSpec = { channels: [{ type: 0 }] }): GuildSpec[] =>
	Array.from({ length: n }, () => structuredClone(spec));

const deps = (h: Harness, extra: Partial<MilestoneDeps> = {}): MilestoneDeps => ({
	db: h.db,
	rest: h.bot.client.rest,
	log: h.log,
	...extra,
});

const textChannel = (guild: GuildState | undefined) => {
	const channel = guild?.channels.find((c) => c.type === 0);
	if (!channel) throw new Error('the server has no text channel');
	return channel;
};

let keys = 0;
/** Sets the campaign total by inserting signatures (spread over three days, for the picture) or deleting some. */
async function setTotal(h: Harness, total: number, guildId = h.double.guilds[0]?.id ?? '1'): Promise<void> {
	const current = await h.db.signature.count();
	if (total > current) {
		const day = 86_400_000;
		const start = Date.now() - 3 * day;
		await h.db.signature.createMany({
			data: Array.from({ length: total - current }, (_, i) => ({
				signerKey: (++keys).toString(16).padStart(64, '0'),
				guildId,
				signedAt: new Date(start + (i % 3) * day + i * 1000),
			})),
		});
	} else if (total < current) {
		const gone = await h.db.signature.findMany({ select: { signerKey: true }, take: current - total });
		await h.db.signature.deleteMany({ where: { signerKey: { in: gone.map((r) => r.signerKey) } } });
	}
	expect(await h.db.signature.count()).toBe(total);
}

/** `/setup announcements` through the gateway, as a member with Manage Server (the silencing rule runs). */
async function setAnnouncements(h: Harness, guild: GuildState, channelId: string): Promise<string> {
	const reply = await command(
		h,
		'setup',
		'announcements',
		[{ name: 'channel', type: OPTION.channel, value: channelId }],
		{
			...ADMIN,
			guildId: guild.id,
		},
	);
	const text = textOf(reply.data);
	expect(text).toContain('Milestones will be posted in');
	return text;
}

async function setThresholds(h: Harness, guild: GuildState, list: string): Promise<string> {
	const reply = await command(h, 'setup', 'milestones', [str('thresholds', list)], { ...ADMIN, guildId: guild.id });
	const text = textOf(reply.data);
	expect(text).toContain('Milestones set to');
	return text;
}

const postsTo = (h: Harness, channelId: string): RecordedRequest[] =>
	h.double.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
const messagesIn = (h: Harness, channelId: string) => h.double.messages.get(channelId) ?? [];
const channelPosts = (h: Harness) =>
	h.double.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));

type PostBody = {
	content?: string;
	embeds?: {
		title?: string;
		description?: string;
		footer?: { text: string };
		image?: { url: string };
		fields?: { name: string; value: string }[];
	}[];
	allowed_mentions?: { parse?: string[] };
	nonce?: string;
	enforce_nonce?: boolean;
	attachments?: { id: number | string; filename: string }[];
};
const bodyOf = (r: RecordedRequest | undefined) => (r?.body ?? {}) as PostBody;
const postText = (r: RecordedRequest | undefined) => textOf(bodyOf(r) as Parameters<typeof textOf>[0]);

const records = (h: Harness, guildId: string) =>
	h.db.milestoneAnnouncement.findMany({ where: { guildId }, orderBy: { threshold: 'asc' } });

describe('milestone posts', () => {
	it('posts one message naming the threshold and the total, with embed, picture, no pings and a nonce; records it', async () => {
		const h = await harness();
		const guild = h.double.guilds[0] as GuildState;
		const channel = textChannel(guild);
		await setAnnouncements(h, guild, channel.id);
		await setTotal(h, 9);
		const quiet = await runMilestoneTick(deps(h));
		expect(quiet.posted).toEqual([]);
		expect(channelPosts(h)).toHaveLength(0);

		await setTotal(h, 12);
		const report = await runMilestoneTick(deps(h));
		expect(report.total).toBe(12);
		expect(report.posted).toHaveLength(1);
		const posts = channelPosts(h);
		expect(posts).toHaveLength(1);
		const post = posts[0];
		expect(post?.path).toBe(`/channels/${channel.id}/messages`);
		expect(post?.status).toBe(200);

		const body = bodyOf(post);
		const text = postText(post);
		expect(body.embeds).toHaveLength(1);
		const embed = body.embeds?.[0];
		expect(embed?.title).toBe('10 musicians have signed the pledge');
		expect(embed?.description).toContain('**12** musicians');
		expect(text).toContain('/pledge sign');
		expect(text).toContain('#NoMusicForIce');
		expect(embed?.footer?.text).toBe('#NoMusicForIce');
		expect(embed?.fields).toContainEqual(expect.objectContaining({ name: 'Next milestone', value: '25 (13 to go)' }));
		const progress = embed?.fields?.find((f) => f.name === 'Progress')?.value ?? '';
		// Counted from zero, not from the 10 just reached: 12 of 25 → 48 %, 10 of 20 cells (never "0 %" when celebrating).
		expect(progress).toBe(`\`${'█'.repeat(10)}${'░'.repeat(10)}\` 12 of 25 (48%)`);
		// The picture is named after the threshold: the mark by which the bot finds its own post after a crash.
		expect(embed?.image?.url).toBe('attachment://milestone-10.png');
		expect(body.attachments).toEqual([{ id: 0, filename: 'milestone-10.png' }]);

		expect(body.allowed_mentions?.parse).toEqual([]);
		expect(body.nonce).toBe(milestoneNonce(guild.id, 10));
		expect(body.nonce?.length).toBeLessThanOrEqual(25);
		expect(body.enforce_nonce).toBe(true);

		// The picture: a multipart file, a PNG of 800×400 that is not one flat colour.
		expect(post?.headers['content-type']).toMatch(/^multipart\/form-data/);
		expect(post?.files).toHaveLength(1);
		const file = post?.files[0];
		expect(file?.name).toBe('milestone-10.png');
		expect(file?.contentType).toBe('image/png');
		const png = file?.data ?? Buffer.alloc(0);
		expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		const image = await loadImage(png);
		expect([image.width, image.height]).toEqual([800, 400]);
		const canvas = createCanvas(800, 400);
		const ctx = canvas.getContext('2d');
		ctx.drawImage(image, 0, 0);
		const pixels = ctx.getImageData(0, 0, 800, 400).data;
		const colours = new Set<number>();
		for (let i = 0; i < pixels.length; i += 4 * 37) {
			colours.add(((pixels[i] ?? 0) << 16) | ((pixels[i + 1] ?? 0) << 8) | (pixels[i + 2] ?? 0));
		}
		expect(colours.size).toBeGreaterThan(10);

		const stored = messagesIn(h, channel.id);
		expect(stored).toHaveLength(1);
		expect(report.posted[0]).toEqual({ guildId: guild.id, threshold: 10, messageId: stored[0]?.id });
		const rows = await records(h, guild.id);
		expect(rows).toEqual([
			expect.objectContaining({ threshold: 10, posted: true, messageId: stored[0]?.id, total: 12 }),
		]);

		// Nothing new: nothing posted.
		const again = await runMilestoneTick(deps(h));
		expect(again.posted).toEqual([]);
		expect(channelPosts(h)).toHaveLength(1);
	});

	it('posts once, naming the highest, when several thresholds are crossed in one tick; records them all', async () => {
		const h = await harness();
		const guild = h.double.guilds[0] as GuildState;
		const channel = textChannel(guild);
		await setAnnouncements(h, guild, channel.id);
		await setTotal(h, 57);
		const report = await runMilestoneTick(deps(h));
		expect(report.posted.map((p) => p.threshold)).toEqual([50]);
		const posts = postsTo(h, channel.id);
		expect(posts).toHaveLength(1);
		expect(bodyOf(posts[0]).embeds?.[0]?.title).toBe('50 musicians have signed the pledge');
		expect(postText(posts[0])).toContain('**57** musicians');
		expect(postText(posts[0])).toContain('Next milestone: 100');
		expect(postText(posts[0])).not.toMatch(/\b(10|25) musicians/);
		const messageId = messagesIn(h, channel.id)[0]?.id;
		const rows = await records(h, guild.id);
		expect(rows.map((r) => [r.threshold, r.posted, r.messageId])).toEqual([
			[10, false, null],
			[25, false, null],
			[50, true, messageId],
		]);
		expect((await runMilestoneTick(deps(h))).posted).toEqual([]);
		expect(postsTo(h, channel.id)).toHaveLength(1);
	});

	it('does not post again after a restart (new client and database connection on the same file)', async () => {
		const h = await harness();
		const guild = h.double.guilds[0] as GuildState;
		const channel = textChannel(guild);
		await setAnnouncements(h, guild, channel.id);
		await setTotal(h, 10);
		expect((await runMilestoneTick(deps(h))).posted).toHaveLength(1);
		expect(postsTo(h, channel.id)).toHaveLength(1);

		// Stop the process's halves, then start them again on the same SQLite file and the same Discord.
		await h.bot.stop();
		await h.db.$disconnect();
		let db: Database | undefined;
		let bot: ReturnType<typeof createBot> | undefined;
		try {
			db = await openDatabase(h.target, { signerKey: TEST_SIGNER_KEY });
			bot = createBot({
				token: h.double.token,
				apiUrl: h.double.apiUrl,
				db,
				log: h.log,
				signerKey: TEST_SIGNER_KEY,
				gigFlagsPerHour: 5,
			});
			await bot.start();
			const restarted: MilestoneDeps = { db, rest: bot.client.rest, log: h.log };
			const report = await runMilestoneTick(restarted);
			expect(report).toMatchObject({ total: 10, posted: [], retry: [], broken: [] });
			expect(postsTo(h, channel.id)).toHaveLength(1);

			// The restarted process does post what is new (so the silence above is not a dead job).
			await db.signature.createMany({
				data: Array.from({ length: 15 }, (_, i) => ({ signerKey: `restart${i}`, guildId: guild.id })),
			});
			const later = await runMilestoneTick(restarted);
			expect(later.posted.map((p) => p.threshold)).toEqual([25]);
			expect(postsTo(h, channel.id)).toHaveLength(2);
			expect(messagesIn(h, channel.id)).toHaveLength(2);
		} finally {
			await bot?.stop();
			await db?.$disconnect();
		}
	});

	it('posts once through a 500 (discord.js retries it within the tick)', async () => {
		const h = await harness();
		const guild = h.double.guilds[0] as GuildState;
		const channel = textChannel(guild);
		await setAnnouncements(h, guild, channel.id);
		await setTotal(h, 10);
		h.double.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500 });
		const report = await runMilestoneTick(deps(h));
		expect(report.posted).toHaveLength(1);
		expect(report.retry).toEqual([]);
		const attempts = postsTo(h, channel.id);
		expect(attempts.map((r) => r.status)).toEqual([500, 200]);
		expect(new Set(attempts.map((r) => bodyOf(r).nonce)).size).toBe(1);
		expect(attempts[1]?.files).toHaveLength(1); // the picture is sent again with the retry
		expect(messagesIn(h, channel.id)).toHaveLength(1);
		expect(await records(h, guild.id)).toEqual([expect.objectContaining({ threshold: 10, posted: true })]);
	});

	it('after four 500s keeps the claim open, and the next tick reads the channel, then posts one message with the same nonce', async () => {
		const h = await harness();
		const guild = h.double.guilds[0] as GuildState;
		const channel = textChannel(guild);
		await setAnnouncements(h, guild, channel.id);
		await setTotal(h, 10);
		h.double.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500, times: 4 });
		const failed = await runMilestoneTick(deps(h));
		expect(failed.posted).toEqual([]);
		expect(failed.broken).toEqual([]);
		expect(failed.retry).toEqual([{ guildId: guild.id, threshold: 10 }]);
		expect(postsTo(h, channel.id).map((r) => r.status)).toEqual([500, 500, 500, 500]);
		expect(messagesIn(h, channel.id)).toHaveLength(0);
		expect(await records(h, guild.id)).toEqual([
			expect.objectContaining({
				threshold: 10,
				state: 'claimed',
				messageId: null,
				nonce: milestoneNonce(guild.id, 10),
			}),
		]);
		const settings = await h.db.guildSettings.findUniqueOrThrow({ where: { guildId: guild.id } });
		expect(settings.announcementChannelError).toBeNull(); // a passing error does not mark the channel

		const next = await runMilestoneTick(deps(h));
		expect(next.posted.map((p) => p.threshold)).toEqual([10]);
		expect(
			h.double.requests.filter((r) => r.method === 'GET' && r.path === `/channels/${channel.id}/messages`),
		).toEqual([expect.objectContaining({ query: { limit: '100' }, status: 200 })]);
		const attempts = postsTo(h, channel.id);
		expect(attempts.map((r) => r.status)).toEqual([500, 500, 500, 500, 200]);
		expect(new Set(attempts.map((r) => bodyOf(r).nonce))).toEqual(new Set([milestoneNonce(guild.id, 10)]));
		expect(messagesIn(h, channel.id)).toHaveLength(1);
		expect(await runMilestoneTick(deps(h))).toMatchObject({ posted: [], retry: [] });
		expect(postsTo(h, channel.id)).toHaveLength(5);
	});

	it('settles a claim for a channel replaced since without a post: a threshold reached before a channel is set is not posted', async () => {
		const h = await harness();
		const guild = h.double.guilds[0] as GuildState;
		const [first, second] = guild.channels.filter((c) => c.type === 0) as [ChannelState, ChannelState];
		await setAnnouncements(h, guild, first.id);
		await setTotal(h, 10);
		h.double.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500, times: 4 });
		expect((await runMilestoneTick(deps(h))).retry).toEqual([{ guildId: guild.id, threshold: 10 }]);
		await setAnnouncements(h, guild, second.id);

		const report = await runMilestoneTick(deps(h));
		expect(report).toMatchObject({ posted: [], retry: [], broken: [] });
		expect(postsTo(h, second.id)).toHaveLength(0);
		expect(
			h.double.requests.filter((r) => r.method === 'GET' && r.path === `/channels/${first.id}/messages`),
		).toHaveLength(1);
		expect((await records(h, guild.id)).map((r) => [r.threshold, r.state, r.posted])).toEqual([[10, 'done', false]]);
		expect(await runMilestoneTick(deps(h))).toMatchObject({ posted: [], retry: [] });
		expect(channelPosts(h).filter((r) => r.status === 200)).toHaveLength(0);
	});

	it('posts once through a 429 with retry_after, after waiting', async () => {
		const h = await harness();
		const guild = h.double.guilds[0] as GuildState;
		const channel = textChannel(guild);
		await setAnnouncements(h, guild, channel.id);
		await setTotal(h, 10);
		h.double.failNext({
			method: 'POST',
			path: /^\/channels\/\d+\/messages$/,
			status: 429,
			body: { message: 'You are being rate limited.', retry_after: 0.2, global: false },
			headers: { 'Retry-After': '0.2' },
		});
		const report = await runMilestoneTick(deps(h));
		expect(report.posted).toHaveLength(1);
		const attempts = postsTo(h, channel.id);
		expect(attempts.map((r) => r.status)).toEqual([429, 200]);
		expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(150);
		expect(messagesIn(h, channel.id)).toHaveLength(1);
		expect(await records(h, guild.id)).toEqual([expect.objectContaining({ threshold: 10, posted: true })]);
	});

	it('after a crash between posting and recording, finds its own post in the channel and records it without posting again', async () => {
		const h = await harness();
		const guild = h.double.guilds[0] as GuildState;
		const channel = textChannel(guild);
		await setAnnouncements(h, guild, channel.id);
		await setTotal(h, 26);
		// The process dies right after Discord accepted the post: the record is never written.
		const real = h.db.$executeRawUnsafe.bind(h.db);
		const spy = vi.spyOn(h.db, '$executeRawUnsafe').mockImplementation(((sql: string, ...values: unknown[]) => {
			if (sql.includes('INSERT INTO "MilestoneAnnouncement"')) return Promise.reject(new Error('crash before record'));
			return real(sql, ...values);
		}) as typeof h.db.$executeRawUnsafe);
		await expect(runMilestoneTick(deps(h))).rejects.toThrow('crash before record');
		spy.mockRestore();
		expect(messagesIn(h, channel.id)).toHaveLength(1);
		const first = messagesIn(h, channel.id)[0];
		// The claim, written before the post, is all the crash left.
		expect((await records(h, guild.id)).map((r) => [r.threshold, r.state, r.messageId])).toEqual([
			[25, 'claimed', null],
		]);

		const report = await runMilestoneTick(deps(h));
		expect(report.posted).toEqual([{ guildId: guild.id, threshold: 25, messageId: first?.id }]);
		const attempts = postsTo(h, channel.id);
		expect(attempts).toHaveLength(1);
		expect(bodyOf(attempts[0]).nonce).toBe(milestoneNonce(guild.id, 25));
		expect(messagesIn(h, channel.id)).toHaveLength(1);
		const rows = await records(h, guild.id);
		expect(rows.map((r) => [r.threshold, r.posted, r.messageId])).toEqual([
			[10, false, null],
			[25, true, first?.id],
		]);
	});

	it('never posts a threshold twice when the total dips below it and rises again', async () => {
		const h = await harness();
		const guild = h.double.guilds[0] as GuildState;
		const channel = textChannel(guild);
		await setAnnouncements(h, guild, channel.id);
		await setTotal(h, 8);
		// Two members sign and later withdraw through the real commands (withdrawing deletes the row).
		const members = ['500000000000000001', '500000000000000002'];
		for (const id of members) await command(h, 'pledge', 'sign', [], { user: { id } });
		expect((await runMilestoneTick(deps(h))).posted.map((p) => p.threshold)).toEqual([10]);
		for (const id of members) {
			expect(textOf((await command(h, 'pledge', 'withdraw', [], { user: { id } })).data)).toContain('withdrawn');
		}
		expect(await runMilestoneTick(deps(h))).toMatchObject({ total: 8, posted: [] });
		await setTotal(h, 11);
		const report = await runMilestoneTick(deps(h));
		expect(report).toMatchObject({ total: 11, posted: [] });
		expect(postsTo(h, channel.id)).toHaveLength(1);
		expect(messagesIn(h, channel.id)).toHaveLength(1);
	});

	it('records thresholds passed before the channel is set without posting, then posts the next new one', async () => {
		const h = await harness();
		const guild = h.double.guilds[0] as GuildState;
		const channel = textChannel(guild);
		await setTotal(h, 30);
		const text = await setAnnouncements(h, guild, channel.id);
		expect(text).toContain('2 milestones were already passed: the next one will be the first post.');
		expect((await records(h, guild.id)).map((r) => [r.threshold, r.posted])).toEqual([
			[10, false],
			[25, false],
		]);
		expect((await runMilestoneTick(deps(h))).posted).toEqual([]);
		expect(channelPosts(h)).toHaveLength(0);

		await setTotal(h, 50);
		const report = await runMilestoneTick(deps(h));
		expect(report.posted.map((p) => p.threshold)).toEqual([50]);
		expect(postsTo(h, channel.id)).toHaveLength(1);
		expect(bodyOf(postsTo(h, channel.id)[0]).embeds?.[0]?.title).toBe('50 musicians have signed the pledge');

		// Changing the list does the same: 60 and 70 are already reached, 80 is not.
		await setTotal(h, 75);
		const listText = await setThresholds(h, guild, '60 70, 80');
		expect(listText).toContain('Milestones set to 60, 70, 80. 2 of them were already passed and won’t be announced.');
		expect((await runMilestoneTick(deps(h))).posted).toEqual([]);
		await setTotal(h, 80);
		expect((await runMilestoneTick(deps(h))).posted.map((p) => p.threshold)).toEqual([80]);
		expect(postsTo(h, channel.id)).toHaveLength(2);
		expect(bodyOf(postsTo(h, channel.id)[1]).embeds?.[0]?.title).toBe('80 musicians have signed the pledge');
	});

	it('gives each server its own post for its own thresholds', async () => {
		const h = await harness({ guilds: servers(4) });
		const [a, b, c, d] = h.double.guilds as [GuildState, GuildState, GuildState, GuildState];
		for (const [guild, list] of [
			[a, '5,15'],
			[b, '5, 40'],
			[c, '8'],
			[d, '20 30'],
		] as const) {
			await setThresholds(h, guild, list);
			await setAnnouncements(h, guild, textChannel(guild).id);
		}
		await setTotal(h, 9);
		const report = await runMilestoneTick(deps(h));
		expect(report.posted.map((p) => [p.guildId, p.threshold]).sort()).toEqual(
			[
				[a.id, 5],
				[b.id, 5],
				[c.id, 8],
			].sort(),
		);
		const only = (guild: GuildState) => {
			const posts = postsTo(h, textChannel(guild).id);
			expect(posts).toHaveLength(1);
			return posts[0];
		};
		const [pa, pb, pc] = [only(a), only(b), only(c)];
		expect(postsTo(h, textChannel(d).id)).toHaveLength(0);
		expect(channelPosts(h)).toHaveLength(3);
		expect(bodyOf(pa).embeds?.[0]?.title).toBe('5 musicians have signed the pledge');
		expect(postText(pa)).toContain('Next milestone: 15');
		expect(bodyOf(pb).embeds?.[0]?.title).toBe('5 musicians have signed the pledge');
		expect(postText(pb)).toContain('Next milestone: 40');
		expect(bodyOf(pc).embeds?.[0]?.title).toBe('8 musicians have signed the pledge');
		expect(postText(pc)).toContain('That was the last milestone set for this server.');
		for (const p of [pa, pb, pc]) expect(postText(p)).toContain('**9** musicians');
		expect(bodyOf(pa).nonce).not.toBe(bodyOf(pb).nonce);
		// Same threshold, different lists: each picture shows its own server's milestones.
		expect(pa?.files[0]?.data.equals(pb?.files[0]?.data ?? Buffer.alloc(0))).toBe(false);

		await setTotal(h, 31);
		const later = await runMilestoneTick(deps(h));
		expect(later.posted.map((p) => [p.guildId, p.threshold]).sort()).toEqual(
			[
				[a.id, 15],
				[d.id, 30],
			].sort(),
		);
		expect(bodyOf(postsTo(h, textChannel(d).id)[0]).embeds?.[0]?.title).toBe('30 musicians have signed the pledge');
		expect((await records(h, d.id)).map((r) => [r.threshold, r.posted])).toEqual([
			[20, false],
			[30, true],
		]);
	});

	it('marks a deleted or forbidden channel, keeps posting elsewhere, skips it later, and clears the mark when set again', async () => {
		const h = await harness({
			guilds: [
				{ channels: [{ type: 0 }, { type: 0 }] }, // its announcement channel gets deleted
				{ channels: [{ type: 0 }] }, // the bot loses Send Messages there
				{ channels: [{ type: 0 }] }, // the bot loses View Channel there
				{ channels: [{ type: 0 }] }, // works
			],
		});
		const [gone, forbidden, hidden, fine] = h.double.guilds as [GuildState, GuildState, GuildState, GuildState];
		const goneChannel = textChannel(gone);
		for (const guild of h.double.guilds) await setAnnouncements(h, guild, textChannel(guild).id);
		// After set-up, Discord changes under the bot.
		gone.channels.splice(gone.channels.indexOf(goneChannel), 1);
		textChannel(forbidden).deniedToBot = SEND_MESSAGES;
		textChannel(hidden).deniedToBot = VIEW_CHANNEL;

		await setTotal(h, 10);
		const report = await runMilestoneTick(deps(h));
		expect(report.posted.map((p) => p.guildId)).toEqual([fine.id]);
		expect(messagesIn(h, textChannel(fine).id)).toHaveLength(1);
		expect(report.retry).toEqual([]);
		expect(Object.fromEntries(report.broken.map((b) => [b.guildId, b.problem]))).toEqual({
			[gone.id]: 'unknownChannel',
			[forbidden.id]: 'missingPermissions',
			[hidden.id]: 'missingAccess',
		});
		expect(postsTo(h, goneChannel.id).map((r) => r.status)).toEqual([404]);
		expect(postsTo(h, textChannel(forbidden).id).map((r) => r.status)).toEqual([403]);
		expect(postsTo(h, textChannel(hidden).id).map((r) => r.status)).toEqual([403]);
		const settings = await h.db.guildSettings.findMany();
		const errors = Object.fromEntries(settings.map((s) => [s.guildId, s.announcementChannelError]));
		expect(errors).toEqual({
			[gone.id]: 'unknownChannel',
			[forbidden.id]: 'missingPermissions',
			[hidden.id]: 'missingAccess',
			[fine.id]: null,
		});
		for (const guild of [gone, forbidden, hidden]) expect(await records(h, guild.id)).toEqual([]);

		const show = await command(h, 'setup', 'show', [], { ...ADMIN, guildId: forbidden.id });
		expect(show.ephemeral).toBe(true);
		expect(textOf(show.data)).toContain(
			'⚠️ Posting failed: I’m not allowed to post there (my role needs **Send Messages**, **Embed Links** and **Attach Files** there). Once it is fixed, choose the channel again with `/setup announcements`.',
		);
		const showGone = await command(h, 'setup', 'show', [], { ...ADMIN, guildId: gone.id });
		expect(textOf(showGone.data)).toContain('Posting failed: the channel was deleted.');
		const showFine = await command(h, 'setup', 'show', [], { ...ADMIN, guildId: fine.id });
		expect(textOf(showFine.data)).not.toContain('Posting failed');

		// Later ticks leave the marked channels alone.
		await setTotal(h, 25);
		const later = await runMilestoneTick(deps(h));
		expect(later.posted.map((p) => [p.guildId, p.threshold])).toEqual([[fine.id, 25]]);
		expect(later.broken).toEqual([]);
		for (const channelId of [goneChannel.id, textChannel(forbidden).id, textChannel(hidden).id]) {
			expect(postsTo(h, channelId)).toHaveLength(1);
		}

		// The owner fixes the permission and sets the channel again; the other picks another channel.
		textChannel(forbidden).deniedToBot = 0n;
		expect(await setAnnouncements(h, forbidden, textChannel(forbidden).id)).toContain(
			'2 milestones were already passed',
		);
		await setAnnouncements(h, gone, textChannel(gone).id);
		const fixed = await h.db.guildSettings.findMany({ where: { guildId: { in: [gone.id, forbidden.id] } } });
		expect(fixed.map((s) => s.announcementChannelError)).toEqual([null, null]);
		expect(textOf((await command(h, 'setup', 'show', [], { ...ADMIN, guildId: forbidden.id })).data)).not.toContain(
			'Posting failed',
		);
		expect((await runMilestoneTick(deps(h))).posted).toEqual([]); // no backlog
		await setTotal(h, 50);
		const after = await runMilestoneTick(deps(h));
		expect(after.posted.map((p) => [p.guildId, p.threshold]).sort()).toEqual(
			[
				[gone.id, 50],
				[forbidden.id, 50],
				[fine.id, 50],
			].sort(),
		);
		expect(messagesIn(h, textChannel(forbidden).id)).toHaveLength(1);
		expect(messagesIn(h, textChannel(gone).id)).toHaveLength(1);
		expect(postsTo(h, textChannel(hidden).id)).toHaveLength(1);
	});

	it('does not mark a channel set while a failing post to the previous one was in flight', async () => {
		const h = await harness({ guilds: [{ channels: [{ type: 0 }, { type: 0 }] }] });
		const guild = h.double.guilds[0] as GuildState;
		const [old, replacement] = guild.channels as [GuildState['channels'][0], GuildState['channels'][0]];
		await setAnnouncements(h, guild, old.id);
		guild.channels.splice(guild.channels.indexOf(old), 1);
		h.double.delay({ method: 'POST', path: new RegExp(`^/channels/${old.id}/messages$`), ms: 600 });
		await setTotal(h, 10);
		const tick = runMilestoneTick(deps(h));
		await waitFor(() => postsTo(h, old.id).length === 1, 'the post to the old channel', { timeoutMs: 2000 });
		await setAnnouncements(h, guild, replacement.id); // the admin fixes it while Discord is still answering
		const report = await tick;
		expect(report.broken).toEqual([{ guildId: guild.id, channelId: old.id, problem: 'unknownChannel' }]);
		const settings = await h.db.guildSettings.findUniqueOrThrow({ where: { guildId: guild.id } });
		expect(settings).toMatchObject({ announcementChannelId: replacement.id, announcementChannelError: null });
		await setTotal(h, 25);
		expect((await runMilestoneTick(deps(h))).posted.map((p) => p.threshold)).toEqual([25]);
		expect(messagesIn(h, replacement.id)).toHaveLength(1);
	});

	it('runs the same number of SQL statements for 1 and for 200 servers crossing a threshold', async () => {
		let counting = false;
		const statements: string[] = [];
		const h = await harness({
			guilds: servers(201),
			onStatement: (sql) => {
				if (counting) statements.push(sql);
			},
		});
		const guilds = h.double.guilds;
		const [first, ...others] = guilds as [GuildState, ...GuildState[]];
		expect(others).toHaveLength(200);
		const measure = async () => {
			statements.length = 0;
			counting = true;
			try {
				const report = await runMilestoneTick(deps(h));
				return { report, statements: [...statements] };
			} finally {
				counting = false;
			}
		};

		await updateGuildSettings(h.db, first.id, ADMIN.user.id, 'setup.milestones', {
			announcementChannelId: textChannel(first).id,
			milestoneThresholds: '10',
		});
		await setTotal(h, 10);
		const one = await measure();
		expect(one.report.posted).toHaveLength(1);

		for (const guild of others) {
			await updateGuildSettings(
				h.db,
				guild.id,
				ADMIN.user.id,
				'setup.announcements',
				{ announcementChannelId: textChannel(guild).id },
				true, // the total is 10 here: threshold 10 is recorded without a post
			);
		}
		await setTotal(h, 25);
		const many = await measure();
		expect(many.report.posted).toHaveLength(200);
		expect(many.report.retry).toEqual([]);
		for (const guild of others) expect(messagesIn(h, textChannel(guild).id)).toHaveLength(1);
		expect(await h.db.milestoneAnnouncement.count({ where: { threshold: 25, posted: true } })).toBe(200);

		expect(many.statements.length).toBe(one.statements.length);
		// total, targets, open claims, history, claim, record.
		expect(one.statements.length).toBeLessThanOrEqual(6);
	}, 30_000);

	it('after a tick with nothing due reads only the counters, until the total reaches the next threshold or a setting changes', async () => {
		const statements: string[] = [];
		const h = await harness({ onStatement: (sql) => statements.push(sql) });
		const guild = h.double.guilds[0] as GuildState;
		const channel = textChannel(guild);
		await setAnnouncements(h, guild, channel.id);
		const quiet: QuietMemo = {};
		const tick = async () => {
			statements.length = 0;
			const report = await runMilestoneTick(deps(h, { quiet }));
			return { posted: report.posted.map((p) => p.threshold), statements: statements.length };
		};
		await setTotal(h, 10);
		expect((await tick()).posted).toEqual([10]);
		// Nothing due: read in full once, then only the counters.
		expect((await tick()).statements).toBeGreaterThan(1);
		expect(await tick()).toEqual({ posted: [], statements: 1 });
		await setTotal(h, 24);
		expect(await tick()).toEqual({ posted: [], statements: 1 });
		await setTotal(h, 25);
		expect((await tick()).posted).toEqual([25]);
		expect((await tick()).posted).toEqual([]);
		expect((await tick()).statements).toBe(1);
		// A new list below the next default (50): the settings' write changes the version, so 30 is not missed.
		await setThresholds(h, guild, '30, 40');
		await setTotal(h, 30);
		expect((await tick()).posted).toEqual([30]);
		expect(messagesIn(h, channel.id)).toHaveLength(3);
	});

	it('is scheduled by cron, stops on stop(), and a failing tick never escapes the scheduler', async () => {
		const h = await harness();
		const guild = h.double.guilds[0] as GuildState;
		const channel = textChannel(guild);
		await setAnnouncements(h, guild, channel.id);
		await setTotal(h, 10);
		const job = scheduleMilestones('* * * * * *', deps(h));
		let stopped = false;
		try {
			// Every second: the first post comes within a tick or two, or the wait fails.
			await waitFor(() => messagesIn(h, channel.id).length === 1, 'a scheduled post', { timeoutMs: 2500 });
			const held = await leaseOf(h.db, MILESTONE_LEASE);
			expect(held?.expiresAt.getTime()).toBeGreaterThan(Date.now());
			await job.stop();
			stopped = true;
			// Given up on stop: another process takes the job at its next tick, without waiting for the expiry.
			expect(await leaseOf(h.db, MILESTONE_LEASE)).toEqual({ holder: held?.holder, expiresAt: new Date(0) });
			await setTotal(h, 25);
			// A probe on the same schedule: once it has ticked twice, a job still scheduled would have posted 25.
			let probeTicks = 0;
			const probe = cron.schedule('* * * * * *', () => {
				probeTicks += 1;
			});
			try {
				await waitFor(() => probeTicks >= 2, 'two ticks of the probe', { timeoutMs: 3500 });
			} finally {
				await probe.stop();
			}
			expect(postsTo(h, channel.id)).toHaveLength(1);
		} finally {
			if (!stopped) await job.stop();
		}

		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		const closed = new Proxy({} as Database, {
			get() {
				throw new Error('database is closed');
			},
		});
		bindLike(closed, h.db);
		const failing = scheduleMilestones('* * * * * *', deps(h, { db: closed }));
		try {
			const failures = () => h.logs.filter((l) => l.msg === 'milestone tick failed');
			await waitFor(() => failures().length >= 2, 'two failed ticks', { timeoutMs: 3500 });
			expect(String((failures()[0]?.err as { message?: string })?.message)).toContain('database is closed');
		} finally {
			await failing.stop();
			await setImmediate(); // a stray rejection of the last tick is reported before the next turn of the loop
			process.off('unhandledRejection', onUnhandled);
		}
		expect(unhandled).toEqual([]);
	});
});
