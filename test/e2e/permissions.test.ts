// Who may do what, checked at run time from the interaction itself. Discord delivers a command to whoever a
// server admin allowed (default_member_permissions can be overridden per server), so the bot must refuse
// even a member Discord let through: every Manage Server and moderator action, for every kind of member.
// A refusal is ephemeral and changes nothing: settings, flag status, audit trail, channel messages.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import type { ChannelState, GuildState, ReplyView, SentInteraction } from '../double/index.js';
import { DEFAULT_MEMBER_PERMISSIONS } from '../double/interaction-payloads.js';
import { ALL_PERMISSIONS } from '../double/state.js';
import { type Harness, OPTION, startHarness, str, textOf } from './harness.js';

const MANAGE = PermissionFlagsBits.ManageGuild;
const ADMIN = PermissionFlagsBits.Administrator;
const DAY = 86_400_000;

let h: Harness;
let guild: GuildState;
let mods: ChannelState;
let news: ChannelState;
let modRoleId: string;
let flagId: number;
let seq = 0;

const admin = { user: { id: '610000000000000001' }, memberPermissions: MANAGE };

beforeAll(async () => {
	h = await startHarness({
		gigFlagsPerHour: 1000,
		guilds: [
			{
				channels: [
					{ name: 'general', type: 0 },
					{ name: 'mods', type: 0 },
					{ name: 'news', type: 5 },
				],
				roles: [{ name: 'Moderators' }],
			},
		],
	});
	[guild] = h.double.guilds as [GuildState];
	mods = guild.channels.find((c) => c.name === 'mods') as ChannelState;
	news = guild.channels.find((c) => c.name === 'news') as ChannelState;
	modRoleId = guild.roles.find((r) => r.name === 'Moderators')?.id ?? '';
});
afterAll(async () => {
	await h?.close();
});

/** Each case starts from a moderation channel with the moderator role, and one pending flag posted to it. */
beforeEach(async () => {
	await h.db.gigReport.deleteMany();
	await h.db.gigFlag.deleteMany();
	const setup = await h.double.waitForReply(
		h.double.sendCommand({
			guildId: guild.id,
			name: 'setup',
			subcommand: 'moderation',
			options: [
				{ name: 'channel', type: OPTION.channel, value: mods.id },
				{ name: 'role', type: OPTION.role, value: modRoleId },
			],
			...admin,
		}),
	);
	expect(setup.data.content).toContain(`<#${mods.id}>`);
	const n = seq++;
	const date = new Date(h.clock.now.getTime() + 30 * DAY).toISOString().slice(0, 10);
	const flagged = await h.double.waitForReply(
		h.double.sendCommand({
			guildId: guild.id,
			name: 'gig',
			subcommand: 'flag',
			options: [
				str('event', `Showcase ${n}`),
				str('venue', 'Somewhere'),
				str('date', date),
				str('connection', 'aws'),
				str('link', `https://example.com/show-${n}`),
			],
			user: { id: `62000000000000${String(1000 + n)}` },
		}),
	);
	expect(textOf(flagged.data)).toContain('Gig flagged');
	const row = await h.db.gigFlag.findFirstOrThrow({ orderBy: { id: 'desc' } });
	flagId = row.id;
	// The queue post is made after the reply: wait for it, so that nothing is in flight while a case runs.
	await expect
		.poll(async () => (await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } })).queueMessageId)
		.toBeTruthy();
});

interface Member {
	user: { id: string };
	memberPermissions: bigint;
	memberRoles: string[];
}

interface Actor {
	name: string;
	permissions: bigint;
	withModeratorRole: boolean;
	/** Passes a Manage Server check / a moderator check. */
	manages: boolean;
	moderates: boolean;
}

const ACTORS: Actor[] = [
	{ name: 'no permissions', permissions: 0n, withModeratorRole: false, manages: false, moderates: false },
	{
		name: 'every permission but Manage Server and Administrator',
		permissions: ALL_PERMISSIONS & ~(MANAGE | ADMIN),
		withModeratorRole: false,
		manages: false,
		moderates: false,
	},
	{ name: 'Manage Server', permissions: MANAGE, withModeratorRole: false, manages: true, moderates: true },
	{ name: 'Administrator', permissions: ADMIN, withModeratorRole: false, manages: true, moderates: true },
	{
		name: 'the moderator role without Manage Server',
		permissions: DEFAULT_MEMBER_PERMISSIONS,
		withModeratorRole: true,
		manages: false,
		moderates: true,
	},
];

const queueMessage = async () => {
	const row = await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } });
	const message = h.double.messages.get(mods.id)?.find((m) => m.id === row.queueMessageId);
	if (!message) throw new Error('queue message not found');
	return message;
};

interface Target {
	name: string;
	/** manage: Manage Server only (the /setup commands); moderator: Manage Server or the moderator role. */
	gate: 'manage' | 'moderator';
	send(member: Member): Promise<SentInteraction>;
	/** What a permitted member gets; `before` is the database before the interaction. */
	allowed(reply: ReplyView, member: Member, before: Snapshot): Promise<void>;
}

/** Options are built when the case runs: channel and role ids exist only once the double does. */
const setupCommand =
	(subcommand: string, options: () => { name: string; type: number; value: unknown }[] = () => []) =>
	async (member: Member) =>
		h.double.sendCommand({ guildId: guild.id, name: 'setup', subcommand, options: options(), ...member });
const auditAdded = async (before: Snapshot, action: string, actorId: string) => {
	const added = (await snapshot()).audit.slice(before.audit.length);
	expect(added.map((a) => [a.action, a.actorId])).toEqual([[action, actorId]]);
};
const click = (customId: string, message?: unknown) => async (member: Member) =>
	h.double.clickButton({ guildId: guild.id, channelId: mods.id, customId, ...(message ? { message } : {}), ...member });

const TARGETS: Target[] = [
	{
		name: '/setup announcements',
		gate: 'manage',
		send: setupCommand('announcements', () => [{ name: 'channel', type: OPTION.channel, value: news.id }]),
		async allowed(reply, member, before) {
			expect(reply.ephemeral).toBe(true);
			expect(reply.data.content).toContain(`<#${news.id}>`);
			expect((await h.db.guildSettings.findUniqueOrThrow({ where: { guildId: guild.id } })).announcementChannelId).toBe(
				news.id,
			);
			await auditAdded(before, 'setup.announcements', member.user.id);
		},
	},
	{
		name: '/setup moderation',
		gate: 'manage',
		send: setupCommand('moderation', () => [
			{ name: 'channel', type: OPTION.channel, value: news.id },
			{ name: 'role', type: OPTION.role, value: modRoleId },
		]),
		async allowed(reply, member, before) {
			expect(reply.ephemeral).toBe(true);
			expect(reply.data.content).toContain(`<#${news.id}>`);
			expect(await h.db.guildSettings.findUniqueOrThrow({ where: { guildId: guild.id } })).toMatchObject({
				moderationChannelId: news.id,
				moderatorRoleId: modRoleId,
			});
			await auditAdded(before, 'setup.moderation', member.user.id);
		},
	},
	{
		name: '/setup milestones',
		gate: 'manage',
		send: setupCommand('milestones', () => [str('thresholds', '3, 30 300')]),
		async allowed(reply, member, before) {
			expect(reply.ephemeral).toBe(true);
			expect((await h.db.guildSettings.findUniqueOrThrow({ where: { guildId: guild.id } })).milestoneThresholds).toBe(
				'3,30,300',
			);
			await auditAdded(before, 'setup.milestones', member.user.id);
		},
	},
	{
		name: '/setup show',
		gate: 'manage',
		send: setupCommand('show'),
		async allowed(reply, _member, before) {
			expect(reply.ephemeral).toBe(true);
			expect(textOf(reply.data)).toContain(en.setup.showTitle);
			expect(textOf(reply.data)).toContain(`<#${mods.id}>`);
			expect(await snapshot()).toEqual(before);
		},
	},
	{
		name: '/gig review',
		gate: 'moderator',
		send: async (member) => h.double.sendCommand({ guildId: guild.id, name: 'gig', subcommand: 'review', ...member }),
		async allowed(reply, _member, before) {
			expect(reply.ephemeral).toBe(true);
			expect(textOf(reply.data)).toContain(en.gig.reviewTitle);
			expect(JSON.stringify(reply.data.components)).toContain(`review-confirm:v1:${flagId}:1`);
			expect(await snapshot()).toEqual(before);
		},
	},
	{
		name: 'the Confirm button (gig-confirm:v1:<id>)',
		gate: 'moderator',
		send: async (member) => click(`gig-confirm:v1:${flagId}`, await queueMessage())(member),
		async allowed(reply, member, before) {
			expect(reply.type).toBe(7);
			expect(textOf(reply.data)).toContain(`Confirmed by <@${member.user.id}>`);
			expect(await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } })).toMatchObject({
				status: 'confirmed',
				reviewedBy: member.user.id,
			});
			await auditAdded(before, 'gig.confirm', member.user.id);
		},
	},
	{
		name: 'the Reject button (gig-reject:v1:<id>)',
		gate: 'moderator',
		send: async (member) => click(`gig-reject:v1:${flagId}`, await queueMessage())(member),
		async allowed(reply, _member, before) {
			expect(reply.type).toBe(9);
			expect(reply.data.custom_id).toBe(`gig-reject-reason:v1:${flagId}`);
			expect(await snapshot()).toEqual(before);
		},
	},
	{
		name: 'a review page button (review:v1:<page>)',
		gate: 'moderator',
		send: (member) => click('review:v1:1')(member),
		async allowed(reply, _member, before) {
			expect(reply.type).toBe(7);
			expect(textOf(reply.data)).toContain(en.gig.reviewTitle);
			expect(await snapshot()).toEqual(before);
		},
	},
	{
		name: 'the reject reason modal (gig-reject-reason:v1:<id>)',
		gate: 'moderator',
		send: async (member) =>
			h.double.submitModal({
				guildId: guild.id,
				channelId: mods.id,
				customId: `gig-reject-reason:v1:${flagId}`,
				fields: { reason: 'Sponsor is a local brewery, not Amazon.' },
				message: await queueMessage(),
				...member,
			}),
		async allowed(reply, member, before) {
			expect(reply.type).toBe(7);
			expect(textOf(reply.data)).toContain(`Rejected by <@${member.user.id}>`);
			expect(await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } })).toMatchObject({
				status: 'rejected',
				reviewedBy: member.user.id,
				reason: 'Sponsor is a local brewery, not Amazon.',
			});
			await auditAdded(before, 'gig.reject', member.user.id);
		},
	},
];

type Snapshot = Awaited<ReturnType<typeof snapshot>>;
async function snapshot() {
	return {
		settings: await h.db.guildSettings.findMany({ orderBy: { guildId: 'asc' } }),
		flags: await h.db.gigFlag.findMany({
			orderBy: { id: 'asc' },
			select: { id: true, status: true, reviewedBy: true, reviewedAt: true, reason: true },
		}),
		audit: await h.db.auditEntry.findMany({ orderBy: { id: 'asc' } }),
		milestones: await h.db.milestoneAnnouncement.findMany({ orderBy: [{ guildId: 'asc' }, { threshold: 'asc' }] }),
	};
}

/** REST calls that post or edit channel messages (the queue post, milestone posts). */
const channelWrites = () =>
	h.double.requests.filter((r) => (r.method === 'POST' || r.method === 'PATCH') && r.path.startsWith('/channels/'))
		.length;

const CASES = TARGETS.flatMap((target) =>
	ACTORS.map((actor) => ({
		target,
		actor,
		permitted: target.gate === 'manage' ? actor.manages : actor.moderates,
		label: `${target.name} by a member with ${actor.name}`,
	})),
);

describe('permissions are checked at run time, from the interaction', () => {
	it.each(CASES.map((c) => [c.label, c] as const))('%s', async (_label, { target, actor, permitted }) => {
		const member: Member = {
			user: { id: `63000000000000${String(1000 + seq)}` },
			memberPermissions: actor.permissions,
			memberRoles: actor.withModeratorRole ? [modRoleId] : [],
		};
		const before = await snapshot();
		const writes = channelWrites();
		const reply = await h.double.waitForReply(await target.send(member));
		if (permitted) {
			await target.allowed(reply, member, before);
			return;
		}
		expect(reply.type).toBe(4);
		expect(reply.ephemeral).toBe(true);
		expect(reply.data.content).toBe(target.gate === 'manage' ? en.errors.noPermission : en.errors.notModerator);
		expect(await snapshot()).toEqual(before);
		expect(channelWrites()).toBe(writes);
	});

	it('covers every command and button that needs Manage Server or the moderator role', () => {
		expect(TARGETS.map((t) => `${t.gate} ${t.name}`)).toEqual([
			'manage /setup announcements',
			'manage /setup moderation',
			'manage /setup milestones',
			'manage /setup show',
			'moderator /gig review',
			'moderator the Confirm button (gig-confirm:v1:<id>)',
			'moderator the Reject button (gig-reject:v1:<id>)',
			'moderator a review page button (review:v1:<page>)',
			'moderator the reject reason modal (gig-reject-reason:v1:<id>)',
		]);
		expect(CASES.filter((c) => c.permitted)).toHaveLength(4 * 2 + 5 * 3);
	});
});
