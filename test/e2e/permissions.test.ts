// Who may do what, checked at run time from the interaction itself. Discord delivers a command to whoever a
// server admin allowed (default_member_permissions can be overridden per server), so the bot must refuse
// even a member Discord let through: every Manage Server and moderator action, for every kind of member.
// A refusal is ephemeral and changes nothing: settings, flag status, audit trail, channel messages.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_SUBCOMMAND, type SubcommandSpec } from '../../src/commands/declaration/spec.js';
import { commandSpecs } from '../../src/commands/definitions.js';
import { componentHandlers, messageCommands } from '../../src/commands/index.js';
import { CUSTOM_ID_KINDS } from '../../src/discord/customId.js';
import { en } from '../../src/i18n/en.js';
import type { ChannelState, GuildState, ReplyView, SentInteraction } from '../double/index.js';
import { DEFAULT_MEMBER_PERMISSIONS } from '../double/interaction-payloads.js';
import { botUser, messageObject } from '../double/payloads.js';
import { ALL_PERMISSIONS } from '../double/state.js';
import { waitFor } from '../support/waitFor.js';
import { bool, type Harness, OPTION, startHarness, str, textOf } from './harness.js';
import { campaignGuild, campaignGuildSpec } from './support/fixtures.js';

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
	h = await startHarness({ gigFlagsPerHour: 1000, guilds: [campaignGuildSpec()] });
	[guild] = h.double.guilds as [GuildState];
	({ mods, news } = campaignGuild(guild));
	modRoleId = campaignGuild(guild).moderators.id;
});
afterAll(async () => {
	await h?.close();
});

/**
 * Each case starts from the same place, whatever ran before it: no settings but a moderation channel with the
 * moderator role, and one pending flag posted to it.
 */
beforeEach(async () => {
	await h.db.gigReport.deleteMany();
	await h.db.gigFlag.deleteMany();
	await h.db.guildSettings.deleteMany();
	await h.db.signature.deleteMany();
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
	await waitFor(
		async () => (await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } })).queueMessageId,
		'the queue post recorded on the flag',
	);
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

/** Who may use an entry point: Manage Server only, Manage Server or the moderator role, or any member. */
type Gate = 'manage' | 'moderator' | 'anyone';

interface Target {
	gate: Gate;
	/** What the case needs in place before the database is read for comparison. */
	prepare?(): Promise<void>;
	send(member: Member): SentInteraction | Promise<SentInteraction>;
	/** What a permitted member gets; `before` is the database before the interaction. */
	allowed(reply: ReplyView, member: Member, before: Snapshot): Promise<void>;
}

/** Options are built when the case runs: channel and role ids exist only once the double does. */
const slash =
	(name: string, subcommand: string | undefined, options: () => { name: string; type: number; value: unknown }[]) =>
	async (member: Member) =>
		h.double.sendCommand({
			guildId: guild.id,
			name,
			...(subcommand ? { subcommand } : {}),
			options: options(),
			...member,
		});
const setupCommand = (subcommand: string, options: () => { name: string; type: number; value: unknown }[] = () => []) =>
	slash('setup', subcommand, options);
const auditAdded = async (before: Snapshot, action: string, actorId: string) => {
	const added = (await snapshot()).audit.slice(before.audit.length);
	expect(added.map((a) => [a.action, a.actorId])).toEqual([[action, actorId]]);
};
const click = (customId: string, message?: unknown) => async (member: Member) =>
	h.double.clickButton({ guildId: guild.id, channelId: mods.id, customId, ...(message ? { message } : {}), ...member });
const settings = () => h.db.guildSettings.findUniqueOrThrow({ where: { guildId: guild.id } });
const future = (days: number) => new Date(h.clock.now.getTime() + days * DAY).toISOString().slice(0, 10);
/** The ephemeral page of /gig review a review button or modal came from. */
const reviewPage = () =>
	messageObject({
		channelId: mods.id,
		author: botUser(h.double.botUserId),
		body: { content: '', flags: 64 },
		files: [],
	});
const REASON = 'Sponsor is a local brewery, not Amazon.';
const LISTED = 'Listed Artist';
/** A member anyone lets through: answered, and not with a refusal of rights. */
const answeredPlainly = (reply: ReplyView) => {
	expect([en.errors.noPermission, en.errors.notModerator]).not.toContain(reply.data.content);
	expect(textOf(reply.data)).not.toContain('Something went wrong');
};

/**
 * Every entry point of the bot, by the key `entryPoints()` derives from the registries in src/: each slash
 * subcommand, each custom_id kind (buttons and modals), each message menu. A new one without a row here fails the
 * coverage test below; a row's gate is checked by running it.
 */
const TARGETS: Record<string, Target> = {
	'/setup announcements': {
		gate: 'manage',
		send: setupCommand('announcements', () => [{ name: 'channel', type: OPTION.channel, value: news.id }]),
		async allowed(reply, member, before) {
			expect(reply.ephemeral).toBe(true);
			expect(reply.data.content).toContain(`<#${news.id}>`);
			expect((await settings()).announcementChannelId).toBe(news.id);
			await auditAdded(before, 'setup.announcements', member.user.id);
		},
	},
	'/setup moderation': {
		gate: 'manage',
		send: setupCommand('moderation', () => [
			{ name: 'channel', type: OPTION.channel, value: news.id },
			{ name: 'role', type: OPTION.role, value: modRoleId },
		]),
		async allowed(reply, member, before) {
			expect(reply.ephemeral).toBe(true);
			expect(reply.data.content).toContain(`<#${news.id}>`);
			expect(await settings()).toMatchObject({ moderationChannelId: news.id, moderatorRoleId: modRoleId });
			await auditAdded(before, 'setup.moderation', member.user.id);
		},
	},
	'/setup milestones': {
		gate: 'manage',
		send: setupCommand('milestones', () => [str('thresholds', '3, 30 300')]),
		async allowed(reply, member, before) {
			expect(reply.ephemeral).toBe(true);
			expect((await settings()).milestoneThresholds).toBe('3,30,300');
			await auditAdded(before, 'setup.milestones', member.user.id);
		},
	},
	'/setup language': {
		gate: 'manage',
		send: setupCommand('language', () => [str('language', 'es')]),
		async allowed(reply, member, before) {
			expect(reply.ephemeral).toBe(true);
			expect(reply.data.content).toBe(en.setup.languageSaved(en.setup.languageNames.es));
			expect((await settings()).language).toBe('es');
			await auditAdded(before, 'setup.language', member.user.id);
		},
	},
	'/setup alerts': {
		gate: 'manage',
		send: setupCommand('alerts', () => [{ name: 'channel', type: OPTION.channel, value: news.id }]),
		async allowed(reply, member, before) {
			expect(reply.ephemeral).toBe(true);
			expect(reply.data.content).toBe(en.setup.alertsSaved(`<#${news.id}>`));
			expect((await settings()).alertChannelId).toBe(news.id);
			await auditAdded(before, 'setup.alerts', member.user.id);
		},
	},
	'/setup show': {
		gate: 'manage',
		send: setupCommand('show'),
		async allowed(reply, _member, before) {
			expect(reply.ephemeral).toBe(true);
			expect(textOf(reply.data)).toContain(en.setup.showTitle);
			expect(textOf(reply.data)).toContain(`<#${mods.id}>`);
			expect(await snapshot()).toEqual(before);
		},
	},
	'/gig review': {
		gate: 'moderator',
		send: slash('gig', 'review', () => []),
		async allowed(reply, _member, before) {
			expect(reply.ephemeral).toBe(true);
			expect(textOf(reply.data)).toContain(en.gig.reviewTitle);
			expect(JSON.stringify(reply.data.components)).toContain(`review-confirm:v1:${flagId}:1`);
			expect(await snapshot()).toEqual(before);
		},
	},
	'/pledge unlist': {
		gate: 'moderator',
		// A public signer of this server, listed under the name the moderator takes off the roster.
		async prepare() {
			const signed = await h.double.waitForReply(
				await slash('pledge', 'sign', () => [str('artist_name', LISTED), bool('public', true)])({
					user: { id: `64000000000000${String(1000 + seq)}` },
					memberPermissions: DEFAULT_MEMBER_PERMISSIONS,
					memberRoles: [],
				}),
			);
			expect(textOf(signed.data)).toContain(LISTED);
		},
		send: slash('pledge', 'unlist', () => [str('name', LISTED.toUpperCase())]),
		async allowed(reply, member, before) {
			expect(reply.ephemeral).toBe(true);
			expect(reply.data.content).toBe(en.pledge.unlisted(LISTED.toUpperCase(), 1));
			expect((await snapshot()).signatures).toEqual(
				before.signatures.map((s) => ({ ...s, public: false, unlisted: true })),
			);
			await auditAdded(before, 'pledge.unlist', member.user.id);
		},
	},
	'/campaign export': {
		gate: 'manage',
		send: slash('campaign', 'export', () => []),
		async allowed(reply, _member, before) {
			expect(reply.ephemeral).toBe(true);
			expect(reply.data.content).toBe(en.campaign.exported(0, 1));
			expect(await snapshot()).toEqual(before);
		},
	},
	'custom_id gig-confirm': {
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
	'custom_id gig-reject': {
		gate: 'moderator',
		send: async (member) => click(`gig-reject:v1:${flagId}`, await queueMessage())(member),
		async allowed(reply, _member, before) {
			expect(reply.type).toBe(9);
			expect(reply.data.custom_id).toBe(`gig-reject-reason:v1:${flagId}`);
			expect(await snapshot()).toEqual(before);
		},
	},
	'custom_id gig-reject-reason': {
		gate: 'moderator',
		send: async (member) =>
			h.double.submitModal({
				guildId: guild.id,
				channelId: mods.id,
				customId: `gig-reject-reason:v1:${flagId}`,
				fields: { reason: REASON },
				message: await queueMessage(),
				...member,
			}),
		async allowed(reply, member, before) {
			expect(reply.type).toBe(7);
			expect(textOf(reply.data)).toContain(`Rejected by <@${member.user.id}>`);
			expect(await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } })).toMatchObject({
				status: 'rejected',
				reviewedBy: member.user.id,
				reason: REASON,
			});
			await auditAdded(before, 'gig.reject', member.user.id);
		},
	},
	'custom_id review': {
		gate: 'moderator',
		send: (member) => click('review:v1:1', reviewPage())(member),
		async allowed(reply, _member, before) {
			expect(reply.type).toBe(7);
			expect(textOf(reply.data)).toContain(en.gig.reviewTitle);
			expect(await snapshot()).toEqual(before);
		},
	},
	'custom_id review-confirm': {
		gate: 'moderator',
		send: (member) => click(`review-confirm:v1:${flagId}:1`, reviewPage())(member),
		async allowed(reply, member, before) {
			expect(reply.type).toBe(7);
			expect(textOf(reply.data)).toContain(en.gig.reviewDone(flagId, String(en.gig.status.confirmed)));
			expect(await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } })).toMatchObject({
				status: 'confirmed',
				reviewedBy: member.user.id,
			});
			await auditAdded(before, 'gig.confirm', member.user.id);
		},
	},
	'custom_id review-reject': {
		gate: 'moderator',
		send: (member) => click(`review-reject:v1:${flagId}:1`, reviewPage())(member),
		async allowed(reply, _member, before) {
			expect(reply.type).toBe(9);
			expect(reply.data.custom_id).toBe(`review-reject-reason:v1:${flagId}:1`);
			expect(await snapshot()).toEqual(before);
		},
	},
	'custom_id review-reject-reason': {
		gate: 'moderator',
		send: async (member) =>
			h.double.submitModal({
				guildId: guild.id,
				channelId: mods.id,
				customId: `review-reject-reason:v1:${flagId}:1`,
				fields: { reason: REASON },
				message: reviewPage(),
				...member,
			}),
		async allowed(reply, member, before) {
			expect(reply.type).toBe(7);
			expect(textOf(reply.data)).toContain(en.gig.reviewDone(flagId, String(en.gig.status.rejected)));
			expect(await h.db.gigFlag.findUniqueOrThrow({ where: { id: flagId } })).toMatchObject({
				status: 'rejected',
				reviewedBy: member.user.id,
				reason: REASON,
			});
			await auditAdded(before, 'gig.reject', member.user.id);
		},
	},

	// Open to every member: run by one with no permissions at all, they must not meet a refusal of rights.
	'/pledge sign': {
		gate: 'anyone',
		send: slash('pledge', 'sign', () => [str('city', 'Tucson'), bool('public', false)]),
		async allowed(reply, member) {
			answeredPlainly(reply);
			expect(textOf(reply.data)).toContain('You signed the pledge');
			expect(await h.db.signature.count()).toBeGreaterThan(0);
			await h.double.waitForReply(await slash('pledge', 'withdraw', () => [])(member)); // leaves no signer behind
		},
	},
	'/pledge withdraw': {
		gate: 'anyone',
		send: slash('pledge', 'withdraw', () => []),
		async allowed(reply) {
			answeredPlainly(reply);
			expect(textOf(reply.data)).toContain('You have not signed');
		},
	},
	'/pledge status': {
		gate: 'anyone',
		send: slash('pledge', 'status', () => []),
		async allowed(reply) {
			answeredPlainly(reply);
			expect(textOf(reply.data)).toContain('You have not signed');
		},
	},
	'/pledge signers': {
		gate: 'anyone',
		send: slash('pledge', 'signers', () => []),
		async allowed(reply) {
			answeredPlainly(reply);
			expect(reply.ephemeral).toBe(false);
		},
	},
	'/demands': {
		gate: 'anyone',
		send: slash('demands', undefined, () => []),
		async allowed(reply) {
			answeredPlainly(reply);
			expect(textOf(reply.data)).toContain('Demand 4');
		},
	},
	'/gig flag': {
		gate: 'anyone',
		send: slash('gig', 'flag', () => [
			str('event', `Open Mic ${seq}`),
			str('venue', 'Corner Bar'),
			str('date', future(20)),
			str('connection', 'twitch'),
			str('link', `https://example.com/open-${seq}`),
		]),
		async allowed(reply) {
			answeredPlainly(reply);
			expect(textOf(reply.data)).toContain('Gig flagged');
		},
	},
	'/gig list': {
		gate: 'anyone',
		send: slash('gig', 'list', () => []),
		async allowed(reply) {
			answeredPlainly(reply);
			expect(reply.ephemeral).toBe(false);
		},
	},
	'/campaign stats': {
		gate: 'anyone',
		send: slash('campaign', 'stats', () => []),
		async allowed(reply) {
			answeredPlainly(reply);
			expect(reply.ephemeral).toBe(false);
			expect(textOf(reply.data)).toContain(en.campaign.statsTitle);
		},
	},
	'/help': {
		gate: 'anyone',
		send: slash('help', undefined, () => []),
		async allowed(reply) {
			answeredPlainly(reply);
			expect(reply.ephemeral).toBe(true);
			expect(textOf(reply.data)).toContain(en.help.title);
		},
	},
	'custom_id signers': {
		gate: 'anyone',
		send: (member) => click('signers:v1:1')(member),
		async allowed(reply) {
			answeredPlainly(reply);
			expect(reply.type).toBe(7);
		},
	},
	'custom_id gigs': {
		gate: 'anyone',
		send: (member) => click('gigs:v1:1')(member),
		async allowed(reply) {
			answeredPlainly(reply);
			expect(reply.type).toBe(7);
		},
	},
	'custom_id flag-modal': {
		gate: 'anyone',
		send: (member) =>
			h.double.submitModal({
				guildId: guild.id,
				channelId: mods.id,
				customId: 'flag-modal:v1',
				fields: {
					event: `Modal Night ${seq}`,
					venue: 'Warehouse',
					date: future(25),
					connection: 'aws',
					link: `https://example.com/modal-${seq}`,
				},
				...member,
			}),
		async allowed(reply) {
			answeredPlainly(reply);
			expect(textOf(reply.data)).toContain('Gig flagged');
		},
	},
	'message menu Flag Amazon-linked gig': {
		gate: 'anyone',
		send: (member) =>
			h.double.sendMessageCommand({
				guildId: guild.id,
				name: 'Flag Amazon-linked gig',
				content: 'Tickets: https://example.com/menu-show',
				...member,
			}),
		async allowed(reply) {
			answeredPlainly(reply);
			expect(reply.type).toBe(9);
			expect(reply.data.custom_id).toBe('flag-modal:v1');
		},
	},
};

/** What the bot answers, read from src/'s registries: the router cannot reach anything not listed here. */
function entryPoints(): { key: string; manageGuild: boolean }[] {
	const slashCommands = commandSpecs.flatMap((spec) =>
		Object.keys(spec.subcommands).map((sub) => ({
			key: sub === NO_SUBCOMMAND ? `/${spec.name}` : `/${spec.name} ${sub}`,
			manageGuild:
				('manageGuild' in spec && spec.manageGuild === true) ||
				(spec.subcommands as Record<string, SubcommandSpec>)[sub]?.manageGuild === true,
		})),
	);
	const kinds = new Set([...CUSTOM_ID_KINDS, ...Object.keys(componentHandlers)]);
	const components = [...kinds].map((kind) => ({ key: `custom_id ${kind}`, manageGuild: false }));
	const menus = Object.keys(messageCommands).map((name) => ({ key: `message menu ${name}`, manageGuild: false }));
	return [...slashCommands, ...components, ...menus];
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;
async function snapshot() {
	return {
		settings: await h.db.guildSettings.findMany({ orderBy: { guildId: 'asc' } }),
		flags: await h.db.gigFlag.findMany({
			orderBy: { id: 'asc' },
			select: { id: true, status: true, reviewedBy: true, reviewedAt: true, reason: true },
		}),
		audit: await h.db.auditEntry.findMany({ orderBy: { id: 'asc' } }),
		signatures: await h.db.signature.findMany({
			orderBy: { signerKey: 'asc' },
			select: { signerKey: true, public: true, unlisted: true },
		}),
		milestones: await h.db.milestoneAnnouncement.findMany({ orderBy: [{ guildId: 'asc' }, { threshold: 'asc' }] }),
	};
}

/** REST calls that post or edit channel messages (the queue post, milestone posts). */
const channelWrites = () =>
	h.double.requests.filter((r) => (r.method === 'POST' || r.method === 'PATCH') && r.path.startsWith('/channels/'))
		.length;

const GATED = Object.entries(TARGETS).filter(([, t]) => t.gate !== 'anyone');
const CASES = GATED.flatMap(([name, target]) =>
	ACTORS.map((actor) => ({
		target,
		actor,
		permitted: target.gate === 'manage' ? actor.manages : actor.moderates,
		label: `${name} by a member with ${actor.name}`,
	})),
);
const OPEN = Object.entries(TARGETS).filter(([, t]) => t.gate === 'anyone');

const memberFor = (actor: Actor): Member => ({
	user: { id: `63000000000000${String(1000 + seq)}` },
	memberPermissions: actor.permissions,
	memberRoles: actor.withModeratorRole ? [modRoleId] : [],
});

describe('permissions are checked at run time, from the interaction', () => {
	it.each(CASES.map((c) => [c.label, c] as const))('%s', async (_label, { target, actor, permitted }) => {
		const member = memberFor(actor);
		await target.prepare?.();
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

	it.each(OPEN)('%s is open to a member with no permissions', async (_name, target) => {
		const member = memberFor(ACTORS[0] as Actor);
		await target.prepare?.();
		const before = await snapshot();
		const reply = await h.double.waitForReply(await target.send(member));
		await target.allowed(reply, member, before);
	});
});

describe('coverage, derived from the registries in src/', () => {
	it('has a row for every slash subcommand, custom_id kind and message menu, and none for anything else', () => {
		expect(Object.keys(TARGETS).sort()).toEqual(
			entryPoints()
				.map((e) => e.key)
				.sort(),
		);
	});

	it('gates on Manage Server exactly the subcommands declared manageGuild', () => {
		const declared = entryPoints()
			.filter((e) => e.manageGuild)
			.map((e) => e.key);
		const manage = Object.entries(TARGETS)
			.filter(([, t]) => t.gate === 'manage')
			.map(([key]) => key);
		expect(declared.length).toBeGreaterThan(0);
		expect(manage.sort()).toEqual(declared.sort());
	});
});
