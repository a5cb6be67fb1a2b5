import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelState, GuildState } from '../double/index.js';
import { waitFor } from '../support/waitFor.js';
import { command, type Harness, int, OPTION, startHarness, str, textOf } from './harness.js';
import { campaignGuild, campaignGuildSpec, otherGuildSpec } from './support/fixtures.js';

const MANAGE_GUILD = 1n << 5n;
const DAY = 86_400_000;

let h: Harness;
let guild: GuildState;
let other: GuildState;
let text: ChannelState;
let mods: ChannelState;
let voice: ChannelState;
let muted: ChannelState;
let modRoleId: string;
let userSeq = 0;

const freshUser = () => ({ id: `7000000000000${String(100000 + userSeq++)}` });
const admin = { user: { id: '600000000000000001' }, memberPermissions: MANAGE_GUILD };
const date = (days: number) => new Date(h.clock.now.getTime() + days * DAY).toISOString().slice(0, 10);

function flagOptions(over: Record<string, unknown> = {}) {
	const base: Record<string, unknown> = {
		event: 'Intersect',
		venue: 'Las Vegas Festival Grounds',
		date: date(30),
		connection: 'aws',
		link: 'https://example.com/intersect',
		...over,
	};
	return Object.entries(base)
		.filter(([, v]) => v !== undefined)
		.map(([name, value]) => str(name, value));
}

async function flag(over: Record<string, unknown> = {}, actor: Record<string, unknown> = { user: freshUser() }) {
	return command(h, 'gig', 'flag', flagOptions(over), { guildId: guild.id, ...actor });
}

const flagCount = () => h.db.gigFlag.count();
const queueMessages = () => h.double.messages.get(mods.id) ?? [];

beforeAll(async () => {
	h = await startHarness({ gigFlagsPerHour: 5, guilds: [campaignGuildSpec(), otherGuildSpec()] });
	[guild, other] = h.double.guilds as [GuildState, GuildState];
	({ general: text, mods, voice, muted } = campaignGuild(guild));
	modRoleId = campaignGuild(guild).moderators.id;
});
afterAll(async () => {
	await h?.close();
});
/** Each test starts with no flags and no settings, whatever ran before it. */
beforeEach(async () => {
	await h.db.gigReport.deleteMany();
	await h.db.gigFlag.deleteMany();
	await h.db.guildSettings.deleteMany();
	h.clock.now = new Date(h.clock.now.getTime() + 2 * 60 * 60 * 1000); // fresh flood window
});

const setupModeration = (role?: string, channelId = mods.id, actor = admin, guildId = guild.id) =>
	command(
		h,
		'setup',
		'moderation',
		[
			{ name: 'channel', type: OPTION.channel, value: channelId },
			...(role ? [{ name: 'role', type: OPTION.role, value: role }] : []),
		],
		{ guildId, ...actor },
	);

type Row = { components: { custom_id: string; disabled?: boolean; label?: string }[] };
const buttonsOf = (data: { components?: unknown }) => ((data.components ?? []) as Row[]).flatMap((r) => r.components);

describe('/setup moderation', () => {
	it('stores channel and role, audited, and refuses other servers, voice channels and channels the bot cannot post in', async () => {
		const ok = await setupModeration(modRoleId);
		expect(ok.ephemeral).toBe(true);
		expect(ok.data.content).toContain(`<#${mods.id}>`);
		expect(await h.db.guildSettings.findUnique({ where: { guildId: guild.id } })).toMatchObject({
			moderationChannelId: mods.id,
			moderatorRoleId: modRoleId,
		});
		expect(await h.db.auditEntry.count({ where: { guildId: guild.id, action: 'setup.moderation' } })).toBeGreaterThan(
			0,
		);

		const foreign = await setupModeration(undefined, other.channels[0]?.id);
		expect(foreign.data.content).toBe('That channel is not in this server.');
		const voiceReply = await setupModeration(undefined, voice.id);
		expect(voiceReply.data.content).toBe('Choose a text or announcement channel.');
		const mutedReply = await setupModeration(undefined, muted.id);
		expect(mutedReply.data.content).toContain('The bot cannot post in');
		expect(mutedReply.data.content).toContain('it needs Send Messages there');
		const plain = await setupModeration(modRoleId, mods.id, {
			user: { id: '600000000000000002' },
			memberPermissions: 0n,
		});
		expect(plain.data.content).toContain('Only members with the **Manage Server** permission can do this.');
		expect(await h.db.guildSettings.findUnique({ where: { guildId: guild.id } })).toMatchObject({
			moderationChannelId: mods.id,
			moderatorRoleId: modRoleId,
		});
	});
	it('shows the settings with /setup show, to Manage Server only', async () => {
		await setupModeration(modRoleId);
		const shown = await command(h, 'setup', 'show', [], { guildId: guild.id, ...admin });
		expect(shown.ephemeral).toBe(true);
		const text = textOf(shown.data);
		expect(text).toContain(`Moderation channel: <#${mods.id}>`);
		expect(text).toContain(`Moderator role: <@&${modRoleId}>`);
		expect(text).toContain('Milestones: 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000');
		const refused = await command(h, 'setup', 'show', [], {
			guildId: guild.id,
			user: freshUser(),
			memberPermissions: 0n,
		});
		expect(refused.data.content).toContain('Only members with the **Manage Server** permission can do this.');
	});

	it.each(['0, 10', 'ten', '10;20', '-5', Array.from({ length: 26 }, (_, i) => i + 1).join(',')])(
		'/setup milestones refuses %j with a clear message and keeps the list',
		async (thresholds) => {
			const before = await h.db.guildSettings.findUnique({ where: { guildId: guild.id } });
			const reply = await command(h, 'setup', 'milestones', [str('thresholds', thresholds)], {
				guildId: guild.id,
				...admin,
			});
			expect(reply.ephemeral).toBe(true);
			expect(reply.data.content).toContain('`thresholds` must be whole numbers above 0');
			const after = await h.db.guildSettings.findUnique({ where: { guildId: guild.id } });
			expect(after?.milestoneThresholds ?? null).toBe(before?.milestoneThresholds ?? null);
		},
	);

	it('/setup milestones in a server without an announcement channel says nothing will be posted yet', async () => {
		const withoutChannel = await command(h, 'setup', 'milestones', [str('thresholds', '5, 15')], {
			guildId: other.id,
			...admin,
		});
		expect(withoutChannel.ephemeral).toBe(true);
		expect(withoutChannel.data.content).toContain('Milestones set to 5, 15');
		expect(withoutChannel.data.content).toContain('nothing will be posted: choose one with `/setup announcements`');
		await command(h, 'setup', 'announcements', [{ name: 'channel', type: OPTION.channel, value: text.id }], {
			guildId: guild.id,
			...admin,
		});
		const withChannel = await command(h, 'setup', 'milestones', [str('thresholds', '5, 15')], {
			guildId: guild.id,
			...admin,
		});
		expect(withChannel.data.content).not.toContain('nothing will be posted');
	});

	it('refuses @everyone or a role of another server as the moderator role', async () => {
		const everyone = await setupModeration(guild.id);
		expect(everyone.data.content).toContain('`role` is invalid');
		const foreign = await setupModeration(other.roles[0]?.id);
		expect(foreign.data.content).toContain('`role` is invalid');
	});
});

describe('/gig flag', () => {
	beforeEach(async () => {
		await setupModeration(modRoleId);
	});

	it('records a pending flag, answers privately and posts it to the moderation queue with buttons', async () => {
		const before = queueMessages().length;
		const reply = await flag({ details: 'Presented by AWS; artists were not told.' });
		expect(reply.ephemeral).toBe(true);
		expect(textOf(reply.data)).toContain('Gig flagged');
		const row = await h.db.gigFlag.findFirstOrThrow({ include: { reports: true } });
		expect(row).toMatchObject({ guildId: guild.id, event: 'Intersect', status: 'pending', connection: 'aws' });
		expect(row.reports).toHaveLength(1);
		await waitFor(() => queueMessages().length === before + 1, 'the queue post');
		const post = queueMessages().at(-1) as APIMessage;
		const embedText = textOf(post);
		expect(embedText).toContain('New gig flag: Intersect');
		expect(embedText).toContain('Las Vegas Festival Grounds');
		expect(embedText).toMatch(/Date: <t:\d+:D>/);
		expect(embedText).toContain('AWS (Amazon Web Services)');
		expect(embedText).toContain('https://example.com/intersect');
		expect(embedText).toContain('Presented by AWS');
		expect(embedText).toContain('Reports: 1');
		expect(buttonsOf(post).map((b) => b.custom_id)).toEqual([`gig-confirm:v1:${row.id}`, `gig-reject:v1:${row.id}`]);
		await waitFor(
			async () => (await h.db.gigFlag.findUniqueOrThrow({ where: { id: row.id } })).queueMessageId === post.id,
			'the queue post recorded on the flag',
		);
	});

	it.each([
		[{ date: '2020-01-01' }, 'date', 'today or later'],
		[{ date: '2026-02-30' }, 'date', 'YYYY-MM-DD'],
		[{ date: 'tomorrow!!' }, 'date', 'YYYY-MM-DD'],
		[{ link: 'javascript:alert(1)' }, 'link', 'http'],
		[{ link: 'data:text/html,x' }, 'link', 'http'],
		[{ link: 'https://user:pw@example.com/x' }, 'link', 'http'],
		[{ link: 'lineup' }, 'link', 'http'],
		[{ connection: 'google' }, 'connection', 'one of the choices'],
		[{ event: 'e'.repeat(201) }, 'event', 'at most 200'],
		[{ venue: 'v'.repeat(201) }, 'venue', 'at most 200'],
		[{ details: 'd'.repeat(1001) }, 'details', 'at most 1,000'],
		[{ event: undefined }, 'event', 'required'],
		[{ event: '   ' }, 'event', 'cannot be left blank'],
		[{ venue: 'Backstage with <@123456789012345678>' }, 'venue', 'never about people'],
		[{ details: 'ping <@&123456789012345678>' }, 'details', 'never about people'],
		[{ event: '@everyone party' }, 'event', 'never about people'],
	])('refuses %o, naming %s, and writes nothing', async (over, option, expected) => {
		const before = await flagCount();
		const reply = await flag(over);
		expect(reply.ephemeral).toBe(true);
		expect(reply.data.content).toContain(`\`${option}\``);
		expect(reply.data.content).toContain(expected);
		expect(await flagCount()).toBe(before);
		expect(await h.db.gigReport.count()).toBe(0);
	});

	it('adds a report instead of a second flag for the same link (normalised)', async () => {
		await flag({ link: 'https://Example.com/lineup' });
		const reply = await flag({ event: 'Other name', link: ' HTTPS://EXAMPLE.COM/lineup/#day2 ' });
		expect(textOf(reply.data)).toContain('This gig was already flagged');
		expect(textOf(reply.data)).toContain('pending review');
		expect(await flagCount()).toBe(1);
		expect(await h.db.gigReport.count()).toBe(2);
	});

	it('adds a report for the same event name and date, whatever the case, accents and spacing', async () => {
		await flag({ event: 'Intersect Fest', link: 'https://a.example.com/1' });
		const reporter = freshUser();
		const reply = await flag({ event: '  intersect   FÉST ', link: 'https://b.example.com/2' }, { user: reporter });
		expect(textOf(reply.data)).toContain('This gig was already flagged');
		expect(await flagCount()).toBe(1);
		// the same member again: recorded once
		const again = await flag({ event: 'INTERSECT FEST', link: 'https://c.example.com/3' }, { user: reporter });
		expect(textOf(again.data)).toContain('You had already reported it');
		expect(await h.db.gigReport.count()).toBe(2);
		// a different date is a different gig
		await flag({ event: 'Intersect Fest', date: date(31), link: 'https://d.example.com/4' });
		expect(await flagCount()).toBe(2);
	});

	it(`refuses the flag after ${5} in an hour, says when, stores nothing, and allows it again later`, async () => {
		const user = freshUser();
		for (let i = 0; i < 5; i++) {
			const ok = await flag({ event: `Show ${i}`, link: `https://example.com/show-${i}` }, { user });
			expect(textOf(ok.data)).toContain('Gig flagged');
		}
		const before = await flagCount();
		const refused = await flag({ event: 'Show 6', link: 'https://example.com/show-6' }, { user });
		expect(refused.ephemeral).toBe(true);
		expect(refused.data.content).toMatch(/You can flag again <t:\d+:R>/);
		expect(await flagCount()).toBe(before);
		h.clock.now = new Date(h.clock.now.getTime() + 61 * 60 * 1000);
		const later = await flag({ event: 'Show 6', link: 'https://example.com/show-6' }, { user });
		expect(textOf(later.data)).toContain('Gig flagged');
	});
});

describe('review', () => {
	let flagId: number;
	let queue: APIMessage;
	beforeEach(async () => {
		await setupModeration(modRoleId);
		const before = queueMessages().length;
		await flag();
		flagId = (await h.db.gigFlag.findFirstOrThrow()).id;
		await waitFor(() => queueMessages().length === before + 1, 'the queue post');
		queue = queueMessages().at(-1) as APIMessage;
	});

	const click = (customId: string, actor: Record<string, unknown>, message: unknown = queue) =>
		h.double.waitForReply(h.double.clickButton({ guildId: guild.id, channelId: mods.id, customId, message, ...actor }));
	const moderator = {
		user: { id: '600000000000000010' },
		memberRoles: [] as string[],
		memberPermissions: MANAGE_GUILD,
	};

	it('confirms: records who and when, shows the outcome on the card without buttons, audits', async () => {
		const reply = await click(`gig-confirm:v1:${flagId}`, moderator);
		expect(reply.type).toBe(7);
		expect(textOf(reply.data)).toContain(`Confirmed by <@${moderator.user.id}>`);
		expect(buttonsOf(reply.data)).toEqual([]);
		const row = await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } });
		expect(row).toMatchObject({ status: 'confirmed', reviewedBy: moderator.user.id });
		expect(row.reviewedAt?.getTime()).toBe(h.clock.now.getTime());
		expect(
			await h.db.auditEntry.count({ where: { action: 'gig.confirm', actorId: moderator.user.id } }),
		).toBeGreaterThan(0);

		const second = await click(`gig-reject:v1:${flagId}`, {
			user: { id: '600000000000000011' },
			memberPermissions: MANAGE_GUILD,
		});
		expect(second.ephemeral).toBe(true);
		expect(second.data.content).toContain(`already confirmed by <@${moderator.user.id}>`);
		expect((await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } })).status).toBe('confirmed');
	});

	it('rejects through a modal asking for a reason (required, ≤ 500), recorded', async () => {
		const modal = await click(`gig-reject:v1:${flagId}`, moderator);
		expect(modal.type).toBe(9);
		expect(modal.data.custom_id).toBe(`gig-reject-reason:v1:${flagId}`);
		const submit = (reason: string) =>
			h.double.waitForReply(
				h.double.submitModal({
					guildId: guild.id,
					channelId: mods.id,
					customId: `gig-reject-reason:v1:${flagId}`,
					fields: { reason },
					message: queue,
					...moderator,
				}),
			);
		const empty = await submit('   ');
		expect(empty.data.content).toContain('a reason of 1 to 500 characters');
		const long = await submit('r'.repeat(501));
		expect(long.data.content).toContain('a reason of 1 to 500 characters');
		expect((await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } })).status).toBe('pending');
		const done = await submit('Not Amazon: the sponsor is a local brewery.');
		expect(done.type).toBe(7);
		expect(textOf(done.data)).toContain('Rejected by');
		expect(textOf(done.data)).toContain('local brewery');
		expect(await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } })).toMatchObject({
			status: 'rejected',
			reason: 'Not Amazon: the sponsor is a local brewery.',
			reviewedBy: moderator.user.id,
		});
	});

	it('records exactly one outcome when two moderators race, and tells the other', async () => {
		const a = h.double.clickButton({
			guildId: guild.id,
			customId: `gig-confirm:v1:${flagId}`,
			message: queue,
			...moderator,
		});
		const b = h.double.submitModal({
			guildId: guild.id,
			customId: `gig-reject-reason:v1:${flagId}`,
			fields: { reason: 'duplicate' },
			message: queue,
			user: { id: '600000000000000012' },
			memberPermissions: MANAGE_GUILD,
		});
		const [ra, rb] = await Promise.all([h.double.waitForReply(a), h.double.waitForReply(b)]);
		const winners = [ra, rb].filter((r) => r.type === 7);
		const losers = [ra, rb].filter((r) => r.ephemeral && /already (confirmed|rejected)/.test(r.data.content ?? ''));
		expect(winners).toHaveLength(1);
		expect(losers).toHaveLength(1);
		expect(
			await h.db.auditEntry.count({
				where: { action: { in: ['gig.confirm', 'gig.reject'] }, detail: { contains: `"flagId":${flagId}` } },
			}),
		).toBe(1);
	});

	it('refuses non-moderators on /gig review, on a button and with a forged custom_id; nothing changes', async () => {
		const member = { user: freshUser(), memberPermissions: 0n };
		const review = await command(h, 'gig', 'review', [], { guildId: guild.id, ...member });
		expect(review.data.content).toContain('Only moderators can do this');
		const button = await click(`gig-confirm:v1:${flagId}`, member);
		expect(button.data.content).toContain('Only moderators can do this');
		const forged = await h.double.waitForReply(
			h.double.submitModal({
				guildId: guild.id,
				customId: `gig-reject-reason:v1:${flagId}`,
				fields: { reason: 'x' },
				...member,
			}),
		);
		expect(forged.ephemeral).toBe(true);
		expect(forged.data.content).toContain('Only moderators');
		for (const id of ['gig-confirm:v2:1', 'gig-confirm:v1:abc', 'totally-unknown', `gig-confirm:v1:${flagId}:x`]) {
			const stale = await click(id, moderator);
			expect(stale.data.content).toBe('This button has expired. Run the command again to get a fresh one.');
		}
		const otherServer = await h.double.waitForReply(
			h.double.clickButton({
				guildId: other.id,
				customId: `gig-confirm:v1:${flagId}`,
				user: { id: '600000000000000013' },
				memberPermissions: MANAGE_GUILD,
			}),
		);
		expect(otherServer.data.content).toBe('This flag no longer exists in this server.');
		expect((await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } })).status).toBe('pending');
	});

	it('lets the moderator role review without Manage Server, until the role is removed', async () => {
		const roleMember = { user: { id: '600000000000000020' }, memberRoles: [modRoleId], memberPermissions: 0n };
		const review = await command(h, 'gig', 'review', [], { guildId: guild.id, ...roleMember });
		expect(review.ephemeral).toBe(true);
		expect(textOf(review.data)).toContain('Gig flags waiting for review');
		expect(buttonsOf(review.data).map((b) => b.custom_id)).toContain(`review-confirm:v1:${flagId}:1`);
		await setupModeration(undefined); // no role: only Manage Server
		const refused = await command(h, 'gig', 'review', [], { guildId: guild.id, ...roleMember });
		expect(refused.data.content).toContain('Only moderators');
	});

	it('lists pending flags oldest first with review buttons, and a confirm from the list shows that page again', async () => {
		h.clock.now = new Date(h.clock.now.getTime() + 1000);
		await flag({ event: 'Second show', link: 'https://example.com/second' });
		const review = await command(h, 'gig', 'review', [], { guildId: guild.id, ...moderator });
		const titles = ((review.data.embeds ?? []) as { title: string }[]).map((e) => e.title);
		expect(titles).toEqual(['Intersect', 'Second show']);
		const message = {
			id: '900000000000000001',
			channel_id: text.id,
			embeds: review.data.embeds,
			components: review.data.components,
			flags: 64,
		};
		const confirm = await click(`review-confirm:v1:${flagId}:1`, moderator, message);
		expect(confirm.type).toBe(7);
		// The page is built again from the database: the confirmed flag is gone, the other one stays reviewable.
		expect(confirm.data.content).toContain(`Flag #${flagId} confirmed`);
		expect(((confirm.data.embeds ?? []) as { title: string }[]).map((e) => e.title)).toEqual(['Second show']);
		const buttons = buttonsOf(confirm.data);
		expect(buttons.some((b) => b.custom_id.includes(`:${flagId}`))).toBe(false);
		expect(buttons.some((b) => b.disabled)).toBe(false);
		// the queue post in the moderation channel shows the outcome too
		await waitFor(
			() => textOf(h.double.messages.get(mods.id)?.find((m) => m.id === queue.id) ?? {}).includes('Confirmed by'),
			'the queue post to show the review',
		);
	});
});

describe('the card in the moderation channel', () => {
	const moderator = { user: { id: '600000000000000030' }, memberPermissions: MANAGE_GUILD };
	const card = (id: string) => queueMessages().find((m) => m.id === id);
	const reportsOn = (message: APIMessage | undefined) =>
		message?.embeds[0]?.fields?.find((f) => f.name === 'Reports')?.value;

	it('counts a duplicate report as soon as it arrives', async () => {
		await setupModeration(modRoleId);
		const before = queueMessages().length;
		await flag();
		await waitFor(() => queueMessages().length === before + 1, 'the queue post');
		const posted = queueMessages().at(-1) as APIMessage;
		expect(reportsOn(posted)).toBe('1');
		const duplicate = await flag();
		expect(duplicate.data.content).toContain('2 members reported it');
		await waitFor(() => reportsOn(card(posted.id)) === '2', 'the card to count 2 reports');
	});

	it('shows the outcome, with no buttons, when the flag was reviewed before its card could be posted', async () => {
		await setupModeration(modRoleId);
		const before = queueMessages().length;
		// The moderation channel is slow to take the post (its rate limit): a moderator confirms from /gig review first.
		h.double.delay({ method: 'POST', path: new RegExp(`^/channels/${mods.id}/messages$`), ms: 1500 });
		await flag();
		const row = await h.db.gigFlag.findFirstOrThrow();
		const review = await command(h, 'gig', 'review', [], { guildId: guild.id, ...moderator });
		const confirmed = await h.double.waitForReply(
			h.double.clickButton({
				guildId: guild.id,
				channelId: text.id,
				customId: `review-confirm:v1:${row.id}:1`,
				message: { id: '900000000000000002', channel_id: text.id, ...review.data, flags: 64 },
				...moderator,
			}),
		);
		expect(confirmed.data.content).toContain(`Flag #${row.id} confirmed`);
		await waitFor(() => queueMessages().length === before + 1, 'the held queue post');
		const posted = queueMessages().at(-1) as APIMessage;
		await waitFor(() => textOf(card(posted.id) ?? {}).includes('Confirmed by'), 'the card to show the review');
		expect(buttonsOf(card(posted.id) ?? {})).toEqual([]);
	});
});

describe('/gig list', () => {
	it('shows confirmed gigs from today on, soonest first, paged; never past, pending or rejected ones', async () => {
		const today = h.clock.now.toISOString().slice(0, 10);
		const make = (event: string, date: string, status: string) =>
			h.db.gigFlag.create({
				data: {
					guildId: guild.id,
					event,
					venue: 'Somewhere',
					date,
					connection: 'twitch',
					link: `https://example.com/${encodeURIComponent(event)}`,
					linkKey: event,
					eventKey: event,
					status,
				},
			});
		for (let i = 6; i >= 0; i--) await make(`Confirmed ${i}`, date(i), 'confirmed');
		await make('Yesterday', date(-1), 'confirmed');
		await make('Pending one', date(2), 'pending');
		await make('Rejected one', date(2), 'rejected');
		await h.db.gigFlag.create({
			data: {
				guildId: other.id,
				event: 'Other server',
				venue: 'x',
				date: today,
				connection: 'aws',
				link: 'https://x.example',
				linkKey: 'o',
				eventKey: 'o',
				status: 'confirmed',
			},
		});
		const first = await command(h, 'gig', 'list', [], { guildId: guild.id, user: freshUser() });
		expect(first.ephemeral).toBe(false);
		const names = (data: { embeds?: unknown[] }) =>
			[...textOf(data).matchAll(/\*\*(Confirmed \d)\*\*/g)].map((m) => m[1]);
		expect(names(first.data)).toEqual(['Confirmed 0', 'Confirmed 1', 'Confirmed 2', 'Confirmed 3', 'Confirmed 4']);
		for (const hidden of ['Yesterday', 'Pending one', 'Rejected one', 'Other server'])
			expect(textOf(first.data)).not.toContain(hidden);
		expect(textOf(first.data)).toContain('Twitch');
		expect(textOf(first.data)).toContain('[evidence](https://example.com/');
		const next = buttonsOf(first.data).find((b) => b.label === 'Next');
		expect(next?.custom_id).toBe('gigs:v1:2');
		const second = await h.double.waitForReply(
			h.double.clickButton({ guildId: guild.id, customId: next?.custom_id ?? '', user: freshUser() }),
		);
		expect(second.type).toBe(7);
		expect(names(second.data)).toEqual(['Confirmed 5', 'Confirmed 6']);
		const byOption = await command(h, 'gig', 'list', [int('page', 2)], { guildId: guild.id, user: freshUser() });
		expect(names(byOption.data)).toEqual(['Confirmed 5', 'Confirmed 6']);
	});
});
