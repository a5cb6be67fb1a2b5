// Hostile input, straight through the gateway router (issue "Hold up under hostile input").
//
// fast-check generates INTERACTION_CREATE payloads with the double's own builders, mutates them and
// dispatches them raw: over-long, empty, confusable, zero-width, control, markdown and mention text; huge,
// negative and fractional numbers; options of the wrong type, missing or unknown; unknown commands,
// subcommands and custom_ids; DMs, missing members, forged servers; channel and role options pointing at
// nonsense. Every tracked interaction must be answered within Discord's 3 s, either with a valid outcome or
// with an ephemeral refusal (callback data flags & 64); never the "something went wrong" boundary, never an
// error in the log, never an unhandled rejection or uncaught exception; and after every payload the
// database must still keep DESIGN.md's data rules (see `violations`).
//
// FUZZ_RUNS is the number of generated payloads across all properties (default 400: well under 20 s).
// Full run (npm run test:fuzz):   FUZZ_RUNS=5000 npx vitest run test/e2e/fuzz.test.ts
// Replay a failure with the seed (and path) fast-check prints:   FUZZ_SEED=<seed> FUZZ_PATH=<path> …
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION_KINDS } from '../../src/campaign.js';
import { commandDefinitions, commandSpecs } from '../../src/commands/definitions.js';
import { eventKey, linkKey } from '../../src/commands/gig/input.js';
import { detailsCipherOf } from '../../src/privacy/detailsCipher.js';
import type { InteractionResponse, SentInteraction } from '../double/index.js';
import {
	commandInteraction,
	componentInteraction,
	DEFAULT_MEMBER_PERMISSIONS,
	type InteractionWorld,
	modalInteraction,
} from '../double/interaction-payloads.js';
import { botUser, messageObject } from '../double/payloads.js';
import { ALL_PERMISSIONS, type ChannelState, type GuildState } from '../double/state.js';
import { waitFor } from '../support/waitFor.js';
import { type Harness, OPTION, startHarness, textOf } from './harness.js';
import { campaignGuild, campaignGuildSpec, otherGuildSpec } from './support/fixtures.js';

const RUNS = Math.max(3, Number.parseInt(process.env.FUZZ_RUNS ?? '', 10) || 400);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const PATH = process.env.FUZZ_PATH;
/** fast-check settings for a property that gets `fraction` of the payloads. */
const budget = (fraction: number): fc.Parameters<unknown> => ({
	numRuns: Math.max(1, Math.round(RUNS * fraction)),
	...(SEED !== undefined ? { seed: SEED } : {}),
	...(PATH ? { path: PATH } : {}),
});
/** Per property: ~25 ms a payload, plus room for fast-check to shrink a failure. */
const TIME_LIMIT = 60_000 + RUNS * 60;

/** Discord drops an interaction not answered within 3 s. */
const CALLBACK_MS = 3000;
const EPHEMERAL = 64;
const ERROR_LEVEL = 50; // pino
const NOW = new Date('2031-03-10T10:00:00.000Z');
const DAY = 86_400_000;

const MANAGE = PermissionFlagsBits.ManageGuild;
const ADMIN = PermissionFlagsBits.Administrator;
const ALL_BUT_MANAGE = ALL_PERMISSIONS & ~(MANAGE | ADMIN);
const FORGED_GUILD = '112233445566778899';
const FORGED_ID = '998877665544332211';

let h: Harness;
let world: InteractionWorld;
let guild: GuildState;
let other: GuildState;
let quiet: GuildState;
let modRoleId: string;
let mods: ChannelState;
const escaped: { kind: string; error: unknown }[] = [];
const onRejection = (error: unknown) => escaped.push({ kind: 'unhandledRejection', error });
const onException = (error: unknown) => escaped.push({ kind: 'uncaughtException', error });
/** Every user id the fuzz acted as: none may appear in clear in Signature rows. */
const userIds = new Set<string>();

beforeAll(async () => {
	h = await startHarness({
		now: NOW,
		gigFlagsPerHour: 5,
		guilds: [
			campaignGuildSpec(),
			otherGuildSpec(),
			// Left alone by the generators: the longest-values test reads exact pages here.
			{ channels: [{ name: 'quiet-mods', type: 0 }] },
		],
	});
	[guild, other, quiet] = h.double.guilds as [GuildState, GuildState, GuildState];
	({ mods } = campaignGuild(guild));
	modRoleId = campaignGuild(guild).moderators.id;
	const bot = botUser(h.double.botUserId);
	const dmChannels = new Map<string, string>();
	// The double's own payload builders, over its guilds; the fuzz dispatches their output with dispatchRaw.
	world = {
		applicationId: h.double.applicationId,
		bot,
		guilds: h.double.guilds,
		commandFor: (name) => ({ id: `10000000000000${String(name.length).padStart(4, '0')}` }),
		dmChannelFor: (user: APIUser) => {
			const known = dmChannels.get(user.id);
			if (known) return known;
			const id = `2000000000000${String(dmChannels.size).padStart(5, '0')}`;
			dmChannels.set(user.id, id);
			return id;
		},
		rememberUser: () => {},
	};
	process.on('unhandledRejection', onRejection);
	process.on('uncaughtException', onException);
	// A moderation channel and role, so that flags go to the queue and buttons have somewhere to point.
	const setup = h.double.sendCommand({
		guildId: guild.id,
		name: 'setup',
		subcommand: 'moderation',
		options: [
			{ name: 'channel', type: OPTION.channel, value: mods.id },
			{ name: 'role', type: OPTION.role, value: modRoleId },
		],
		user: { id: '500000000000000001' },
		memberPermissions: MANAGE,
	});
	expect((await h.double.waitForReply(setup)).data.content).toContain(`<#${mods.id}>`);
});

afterAll(async () => {
	process.off('unhandledRejection', onRejection);
	process.off('uncaughtException', onException);
	await h?.close();
});

// ---------------------------------------------------------------------------------------------------------
// Hostile values

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', '\u202e', '\u2066', '\u061c'];
const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\v', '\f', '\r', '\u001b', '\u007f', '\u0085'];
const SPACES = [' ', '  ', '\u00a0', '\u2003', '\u3000', '\u2028', '\u2029'];
const MARKDOWN = [
	'**',
	'*',
	'__',
	'_',
	'~~',
	'`',
	'```',
	'||',
	'> ',
	'>>> ',
	'# ',
	'-# ',
	'\\',
	'[click](https://evil.example/x)',
	'<https://evil.example>',
	'<:e:123456789012345678>',
	'<t:0:R>',
];
const MENTIONS = [
	'<@123456789012345678>',
	'<@!123456789012345678>',
	'<@&123456789012345678>',
	'@everyone',
	'@here',
	'<@\u200b123456789012345678>',
	'<@&\u200d123456789012345678>',
	'<@\n123456789012345678>',
	'<#123456789012345678>',
	'</pledge sign:123456789012345678>',
	'@\u200beveryone',
	'＠everyone',
];
const CONFUSABLES = [
	'Аmazon', // Cyrillic А
	'ΑΜΑΖΟΝ',
	'ａｍａｚｏｎ',
	'İstanbul',
	'straße',
	'ﬁ',
	'𝐀𝐦𝐚𝐳𝐨𝐧',
	'e\u0301',
	'Å',
	'ǅ',
	'ℌ',
	'Ⅻ',
	'🎸',
	'👩🏽‍🎤',
	'🏳️‍🌈',
	'\u0627\u0644\u0639\u0631\u0628\u064a\u0629',
];

const piece = fc.oneof(
	{ weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
	{ weight: 2, arbitrary: fc.constantFrom(...ZERO_WIDTH, ...CONTROL) },
	{ weight: 2, arbitrary: fc.constantFrom(...MARKDOWN) },
	{ weight: 2, arbitrary: fc.constantFrom(...MENTIONS) },
	{ weight: 2, arbitrary: fc.constantFrom(...CONFUSABLES) },
	{ weight: 1, arbitrary: fc.constantFrom(...SPACES) },
);
/** One character repeated up to and past every limit of the contract. */
const run = fc
	.tuple(
		fc.constantFrom('*', '_', '~', '`', '|', '>', '#', '\\', 'x', 'é', '🎸', '\u200b', ' ', '\n'),
		fc.constantFrom(1, 50, 99, 100, 101, 199, 200, 201, 499, 500, 501, 999, 1000, 1001, 2100),
	)
	.map(([c, n]) => c.repeat(n));
const hostileText = fc.oneof(
	{ weight: 4, arbitrary: fc.array(piece, { maxLength: 12 }).map((p) => p.join('')) },
	{ weight: 2, arbitrary: run },
	{ weight: 1, arbitrary: fc.constantFrom('', ' ', '\u200b', '\n\n', '\u202e', '\u0000') },
	{ weight: 1, arbitrary: fc.tuple(run, fc.array(piece, { maxLength: 4 })).map(([a, b]) => a + b.join('')) },
);
const plainText = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 '&.-]{0,40}$/);
const text = fc.oneof({ weight: 1, arbitrary: plainText }, { weight: 2, arbitrary: hostileText });
const hostileNumber = fc.oneof(
	fc.integer({ min: -5, max: 30 }),
	fc.constantFrom(0, -1, 1, 2, 1_000_000, 1_000_001, 2 ** 31, 2 ** 53, -(2 ** 53), 1e21, 1e308, -1e308, 0.5, 1.5, -0),
	fc.double(), // NaN and ±Infinity travel as null
);
const numericString = fc.constantFrom('1', '0', '-1', '1e3', '0x10', ' 5', '５', '1.5', '9'.repeat(30), 'NaN', '');
const anyValue = fc.oneof(
	hostileText,
	hostileNumber,
	numericString,
	fc.boolean(),
	fc.constant(null),
	fc.constantFrom<unknown>([], {}, ['x'], { a: 1 }, [1, 2]),
);

// ---------------------------------------------------------------------------------------------------------
// Payloads

interface Actor {
	where: 'guild' | 'other' | 'forged' | 'dm';
	userId: string;
	globalName: string | null;
	permissions: bigint;
	roles: string[];
	locale: string;
	channel: 'default' | 'mods' | 'other-guild' | 'forged';
	mutation: 'none' | 'no-member' | 'no-guild-object';
}

/** A small pool of members (repeat signers, flood limits) and fresh ids. */
const userId = fc.oneof(
	fc.integer({ min: 0, max: 30 }).map((n) => `3000000000000000${String(n).padStart(2, '0')}`),
	fc.bigInt({ min: 100_000_000_000_000_000n, max: 9_999_999_999_999_999_999n }).map(String),
);

function actorArb(): fc.Arbitrary<Actor> {
	const roleIds = [modRoleId, ...guild.roles.map((r) => r.id), ...other.roles.map((r) => r.id), FORGED_ID, '0'];
	return fc.record({
		where: fc.constantFrom<Actor['where']>('guild', 'guild', 'guild', 'guild', 'other', 'forged', 'dm'),
		userId,
		globalName: fc.oneof(fc.constant(null), text),
		permissions: fc.oneof(
			fc.constantFrom(
				0n,
				DEFAULT_MEMBER_PERMISSIONS,
				MANAGE,
				ADMIN,
				ALL_BUT_MANAGE,
				DEFAULT_MEMBER_PERMISSIONS | MANAGE,
			),
			fc.bigInt({ min: 0n, max: (1n << 52n) - 1n }),
		),
		roles: fc.subarray(roleIds, { maxLength: 3 }),
		locale: fc.constantFrom('en-US', 'en-US', 'en-GB', 'de', 'xx-YY', '', 'zh-CN'),
		channel: fc.constantFrom<Actor['channel']>('default', 'default', 'mods', 'other-guild', 'forged'),
		mutation: fc.constantFrom<Actor['mutation']>('none', 'none', 'none', 'none', 'no-member', 'no-guild-object'),
	});
}

function actorOpts(actor: Actor) {
	userIds.add(actor.userId);
	const guildId =
		actor.where === 'guild'
			? guild.id
			: actor.where === 'other'
				? other.id
				: actor.where === 'forged'
					? FORGED_GUILD
					: null;
	const channelId =
		guildId === null || actor.channel === 'default'
			? undefined
			: actor.channel === 'mods'
				? mods.id
				: actor.channel === 'other-guild'
					? other.channels[0]?.id
					: FORGED_ID;
	return {
		guildId,
		...(channelId ? { channelId } : {}),
		user: { id: actor.userId, ...(actor.globalName !== null ? { global_name: actor.globalName } : {}) },
		memberPermissions: actor.permissions,
		memberRoles: actor.roles,
		locale: actor.locale,
	};
}

/** Mutations of the built payload that Discord's schema allows: no member (user only), no partial guild. */
function mutate(payload: Record<string, unknown>, actor: Actor): Record<string, unknown> {
	if (actor.mutation === 'no-member' && payload.member) {
		payload.user = (payload.member as { user: unknown }).user;
		delete payload.member;
	}
	if (actor.mutation === 'no-guild-object') delete payload.guild;
	return payload;
}

type Option = { name: string; type: number; value: unknown };
type Def = { name: string; type: number; options?: readonly Def[] };

const eventPool = ['Intersect', ' intersect ', 'INTER  SECT', 'Intérsect', 'Prime Day Live', 'prime daylive'];
const linkPool = [
	'https://example.com/lineup',
	'HTTPS://EXAMPLE.COM/lineup/',
	'https://example.com/lineup#day-2',
	' https://example.com/lineup ',
	'https://tickets.example.org/e/42',
];
const futureDay = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString().slice(0, 10);
const dateArb = fc.oneof(
	{ weight: 4, arbitrary: fc.integer({ min: 0, max: 400 }).map(futureDay) },
	{ weight: 2, arbitrary: fc.constantFrom(futureDay(30), futureDay(31)) },
	{ weight: 1, arbitrary: fc.integer({ min: -800, max: -1 }).map(futureDay) },
	{
		weight: 2,
		arbitrary: fc.constantFrom(
			'2031-02-30',
			'2031-13-01',
			'31-03-2031',
			'2031/03/20',
			'２０３１-０３-２０',
			' 2031-04-01 ',
			'2031-04-01\u200b',
			'+02031-04-01',
			'9999-12-31',
			'0000-01-01',
			'tomorrow!!',
			'',
		),
	},
);
const linkArb = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...linkPool) },
	{ weight: 2, arbitrary: fc.webUrl({ withFragments: true, withQueryParameters: true }) },
	{
		weight: 2,
		arbitrary: fc.constantFrom(
			'javascript:alert(1)',
			'data:text/html,<b>x</b>',
			'https://user:pw@example.com/x',
			'ftp://example.com/x',
			'https://x',
			'https://.com',
			'http://localhost/x',
			'https://evil.example/<@123456789012345678>',
			'https://例え.jp/テスト',
			'https://example.com/a b',
			'//example.com/x',
			`https://example.com/${'a'.repeat(490)}`,
			`https://example.com/${'a'.repeat(600)}`,
			'https://example.com/(x)[y]',
		),
	},
	{ weight: 1, arbitrary: hostileText },
);
const thresholdsArb = fc.oneof(
	{
		weight: 3,
		arbitrary: fc
			.tuple(
				fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 10 }),
				fc.constantFrom(',', ' ', ', '),
			)
			.map(([n, sep]) => n.join(sep)),
	},
	{
		weight: 2,
		arbitrary: fc
			.tuple(
				fc.array(fc.integer({ min: -5, max: 2_000_000_000 }), { maxLength: 30 }),
				fc.constantFrom(',', ' ', ', ', ';'),
			)
			.map(([n, sep]) => n.join(sep)),
	},
	{ weight: 1, arbitrary: hostileText },
);

/** Values that name channels or roles: mostly this server's own (of every type), else the other's, nonsense. */
function idArb(type: number): fc.Arbitrary<unknown> {
	const own = type === OPTION.role ? guild.roles.map((r) => r.id) : guild.channels.map((c) => c.id);
	const ids = [
		...guild.channels.map((c) => c.id),
		...other.channels.map((c) => c.id),
		...guild.roles.map((r) => r.id),
		...other.roles.map((r) => r.id),
		guild.id,
		other.id,
		FORGED_ID,
	];
	return fc.oneof(
		{ weight: 6, arbitrary: fc.constantFrom(...own) },
		{ weight: 3, arbitrary: fc.constantFrom(...ids) },
		{
			weight: 2,
			arbitrary: fc.constantFrom(
				'0',
				'-1',
				'abc',
				'',
				'１２３４５６７８９０１２３４５６７８',
				'99999999999999999999999',
				`<#${mods.id}>`,
				`${mods.id} `,
				`${modRoleId}\u200b`,
			),
		},
		{ weight: 1, arbitrary: anyValue },
	);
}

/** A value for one defined option: mostly of its kind (valid or hostile), sometimes anything at all. */
function valueArb(name: string, type: number): fc.Arbitrary<unknown> {
	const ofKind = (() => {
		switch (name) {
			case 'event':
				return fc.oneof(fc.constantFrom(...eventPool), text);
			case 'date':
				return dateArb;
			case 'connection':
				return fc.oneof(
					{ weight: 3, arbitrary: fc.constantFrom(...CONNECTION_KINDS) },
					{ weight: 1, arbitrary: fc.constantFrom('AWS', 'aws ', 'google', '', 'twitch\u200b', '__proto__') },
				);
			case 'link':
				return linkArb;
			case 'thresholds':
				return thresholdsArb;
			case 'page':
				return fc.oneof(fc.integer({ min: 1, max: 4 }), hostileNumber);
			default:
				if (type === OPTION.boolean) return fc.boolean();
				if (type === OPTION.channel || type === OPTION.role) return idArb(type);
				return text;
		}
	})();
	return fc.oneof({ weight: 5, arbitrary: ofKind }, { weight: 1, arbitrary: anyValue });
}

function optionsArb(defs: readonly Def[]): fc.Arbitrary<Option[]> {
	const leaf = defs.filter((d) => d.type !== 1 && d.type !== 2);
	const defined = fc.subarray(leaf).chain((chosen) =>
		fc.tuple(
			...chosen.map((d) =>
				fc.record({
					name: fc.constant(d.name),
					// Wrong types too: a string where an integer or boolean is expected, and so on.
					type: fc.oneof(
						{ weight: 6, arbitrary: fc.constant(d.type) },
						{ weight: 1, arbitrary: fc.constantFrom(3, 4, 5, 6, 7, 8, 10, 11) },
					),
					value: valueArb(d.name, d.type),
				}),
			),
		),
	);
	const extra = fc.array(
		fc.record({
			name: fc.constantFrom('page', 'event', 'channel', 'x', '', 'artist_name', '__proto__', 'constructor'),
			type: fc.constantFrom(3, 4, 5, 7, 8, 10),
			value: anyValue,
		}),
		{ maxLength: 2 },
	);
	return fc.tuple(defined, extra).map(([a, b]) => [...a, ...b]);
}

interface CommandCase {
	actor: Actor;
	name: string;
	subcommand: string | undefined;
	options: Option[];
	shape: 'as-built' | 'in-group' | 'subcommand-as-string' | 'options-at-top';
}

/** Names that an object lookup finds on Object.prototype. */
const PROTOTYPE_KEYS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

/** Always tried first: a plain member running each Object.prototype key as a command. */
function prototypeExamples(): [CommandCase][] {
	const actor: Actor = {
		where: 'guild',
		userId: '300000000000000001',
		globalName: null,
		permissions: DEFAULT_MEMBER_PERMISSIONS,
		roles: [],
		locale: 'en-US',
		channel: 'default',
		mutation: 'none',
	};
	return PROTOTYPE_KEYS.map((name) => [{ actor, name, subcommand: undefined, options: [], shape: 'as-built' }]);
}

function commandArb(): fc.Arbitrary<CommandCase> {
	const defs = commandDefinitions as unknown as readonly (Def & { options?: readonly Def[] })[];
	const known = fc.constantFrom(...defs).chain((def) => {
		const subs = (def.options ?? []).filter((o) => o.type === 1);
		const sub =
			subs.length === 0
				? fc.constant<Def | undefined>(undefined)
				: fc.oneof(
						{ weight: 8, arbitrary: fc.constantFrom<Def | undefined>(...subs) },
						{ weight: 1, arbitrary: fc.constant(undefined) },
					);
		return sub.chain((s) =>
			fc.record({
				name: fc.constant(def.name),
				subcommand: s
					? fc.oneof(
							{ weight: 8, arbitrary: fc.constant(s.name) },
							{ weight: 1, arbitrary: fc.constantFrom('delete', 'SIGN', '', `${s.name}\u200b`, 'flag ') },
						)
					: fc.constant(undefined),
				options: optionsArb(s?.options ?? def.options ?? []),
			}),
		);
	});
	const unknown = fc.record({
		name: fc.constantFrom(
			'pledge2',
			'Pledge',
			'рledge',
			'pledge\u200b',
			'',
			'x'.repeat(33),
			'help',
			'gig flag',
			...PROTOTYPE_KEYS,
		),
		subcommand: fc.option(fc.constantFrom('sign', 'flag', 'x'), { nil: undefined }),
		options: fc.array(fc.record({ name: fc.constantFrom('page', 'x'), type: fc.constantFrom(3, 4), value: anyValue }), {
			maxLength: 2,
		}),
	});
	return fc
		.record({
			actor: actorArb(),
			call: fc.oneof({ weight: 10, arbitrary: known }, { weight: 1, arbitrary: unknown }),
			shape: fc.oneof(
				{ weight: 12, arbitrary: fc.constant<CommandCase['shape']>('as-built') },
				{
					weight: 1,
					arbitrary: fc.constantFrom<CommandCase['shape']>('in-group', 'subcommand-as-string', 'options-at-top'),
				},
			),
		})
		.map(({ actor, call, shape }) => ({ actor, ...call, shape }));
}

function buildCommand(c: CommandCase): Record<string, unknown> {
	const payload = commandInteraction(world, {
		...actorOpts(c.actor),
		name: c.name,
		...(c.subcommand !== undefined ? { subcommand: c.subcommand } : {}),
		options: c.options,
	});
	const data = payload.data as { options?: Option[] & { options?: unknown }[] };
	const top = data.options?.[0] as { name: string; type: number; options?: Option[]; value?: unknown } | undefined;
	if (c.shape === 'in-group' && top) data.options = [{ name: 'group', type: 2, options: [top] } as never];
	if (c.shape === 'subcommand-as-string' && top?.type === 1) {
		top.type = 3;
		top.value = top.name;
	}
	if (c.shape === 'options-at-top' && top?.type === 1) data.options = (top.options ?? []) as never;
	return mutate(payload, c.actor);
}

const KINDS = ['signers', 'gigs', 'review', 'gig-confirm', 'gig-reject', 'gig-reject-reason'] as const;
const customIdArb = fc.oneof(
	{
		weight: 5,
		arbitrary: fc
			.tuple(
				fc.oneof(
					{ weight: 6, arbitrary: fc.constantFrom(...KINDS) },
					{ weight: 1, arbitrary: fc.constantFrom('gig', 'GIG-CONFIRM', 'toString', '__proto__', 'constructor', '') },
				),
				fc.oneof(
					{ weight: 6, arbitrary: fc.constant('v1') },
					{ weight: 1, arbitrary: fc.constantFrom('v2', 'V1', '', ' v1', 'v0') },
				),
				fc.oneof(
					{ weight: 4, arbitrary: fc.integer({ min: 1, max: 60 }).map(String) },
					{
						weight: 2,
						arbitrary: fc.constantFrom(
							'0',
							'-1',
							'1e3',
							'0x1',
							'１',
							'999999999999999',
							'9999999999999999',
							'1.0',
							' 1',
							'',
							'abc',
							'1\u200b',
							'00001',
						),
					},
				),
				fc.oneof(
					{ weight: 6, arbitrary: fc.constant(undefined) },
					{ weight: 1, arbitrary: fc.constantFrom('x', '', '1') },
				),
			)
			.map(([kind, version, arg, extra]) => [kind, version, arg, ...(extra === undefined ? [] : [extra])].join(':')),
	},
	{ weight: 1, arbitrary: hostileText.map((s) => s.slice(0, 100)) },
	{ weight: 1, arbitrary: fc.constantFrom('', ':', '::', 'gig-confirm', 'review:v1:', `review:v1:${'9'.repeat(90)}`) },
);

interface ComponentCase {
	actor: Actor;
	kind: 'button' | 'select' | 'modal';
	customId: string;
	/** Modal fields (reason and junk). */
	fields: Record<string, string>;
	layout: 'actionRow' | 'label';
	message: 'bot-message' | 'ephemeral-message' | 'none';
}

function componentArb(): fc.Arbitrary<ComponentCase> {
	return fc.record({
		actor: actorArb(),
		kind: fc.constantFrom<ComponentCase['kind']>('button', 'button', 'button', 'select', 'modal', 'modal', 'modal'),
		customId: customIdArb,
		fields: fc.oneof(
			{ weight: 4, arbitrary: text.map((reason) => ({ reason })) },
			{
				weight: 1,
				arbitrary: fc.dictionary(fc.constantFrom('reason ', 'Reason', 'x', 'details'), text, { maxKeys: 2 }),
			},
		),
		layout: fc.constantFrom<ComponentCase['layout']>('actionRow', 'label'),
		message: fc.constantFrom<ComponentCase['message']>('bot-message', 'bot-message', 'ephemeral-message', 'none'),
	});
}

/** A message by the bot carrying the clicked component (short label: the custom_id is the forged part). */
function messageFor(channelId: string, customId: string, kind: 'button' | 'select', ephemeral: boolean): APIMessage {
	const component =
		kind === 'button'
			? { type: 2, id: 2, style: 1, label: 'Button', custom_id: customId }
			: { type: 3, id: 2, custom_id: customId, options: [{ label: 'A', value: 'a' }] };
	return messageObject({
		channelId,
		author: world.bot,
		body: {
			content: 'A message',
			components: [{ type: 1, id: 1, components: [component] }],
			flags: ephemeral ? EPHEMERAL : 0,
		},
		files: [],
	});
}

function buildComponent(c: ComponentCase): Record<string, unknown> {
	const opts = actorOpts(c.actor);
	if (c.kind === 'modal') {
		const payload = modalInteraction(world, { ...opts, customId: c.customId, fields: c.fields, layout: c.layout });
		if (c.message !== 'none') {
			payload.message = messageFor(String(payload.channel_id), c.customId, 'button', c.message === 'ephemeral-message');
		}
		return mutate(payload, c.actor);
	}
	const payload = componentInteraction(world, { ...opts, customId: c.customId, message: {} });
	payload.message = messageFor(String(payload.channel_id), c.customId, c.kind, c.message === 'ephemeral-message');
	if (c.kind === 'select') payload.data = { custom_id: c.customId, component_type: 3, values: ['a'] };
	return mutate(payload, c.actor);
}

// ---------------------------------------------------------------------------------------------------------
// What the bot must do with each payload

/** Subcommands declared to defer, `ephemeral` or `public` (`/setup announcements`, `/campaign stats`). */
const declaredDefer = (defer?: 'public') =>
	commandSpecs.flatMap((spec) =>
		Object.entries(spec.subcommands)
			.filter(([, sub]) => 'defer' in sub && (defer === undefined || sub.defer === defer))
			.map(([name]) => [spec.name, name].filter(Boolean).join(' ')),
	);
/** Answered publicly (DESIGN.md): three at once, and those declared to defer publicly. */
const PUBLIC_COMMANDS = new Set(['demands', 'pledge signers', 'gig list', ...declaredDefer('public')]);
/** Answered with callback type 5, then an edit. */
const DEFERRED_COMMANDS = new Set(declaredDefer());
const DEFERRED_MESSAGE = 5;
const UPDATING_KINDS = /^(signers|gigs|review|gig-confirm):v1:/;

/** Why this answer is not acceptable, or undefined. */
function problemWith(payload: Record<string, unknown>, response: InteractionResponse): string | undefined {
	const data = response.data ?? {};
	const ephemeral = ((data.flags ?? 0) & EPHEMERAL) !== 0;
	const shown = textOf(data);
	if (/Something went wrong/.test(shown)) return `the error boundary answered: ${shown}`;
	const type = payload.type as number;
	const payloadData = payload.data as { name?: string; custom_id?: string; options?: { name: string; type: number }[] };
	if (type === 2) {
		const sub = payloadData.options?.[0]?.type === 1 ? payloadData.options[0].name : undefined;
		const command = [payloadData.name, sub].filter((p) => p !== undefined).join(' ');
		const deferred = response.type === DEFERRED_MESSAGE && DEFERRED_COMMANDS.has(command);
		if (response.type !== 4 && !deferred) return `a command answered with callback type ${response.type}`;
		if (ephemeral) return undefined;
		if (!PUBLIC_COMMANDS.has(command)) return `a public reply to /${command}, which must answer privately`;
		if (!data.embeds?.length || data.content) return `a public reply to /${command} that is not its view: ${shown}`;
		return undefined;
	}
	const customId = payloadData.custom_id ?? '';
	const isButton = type === 3 && (payloadData as { component_type?: number }).component_type === 2;
	if (response.type === 4) return ephemeral ? undefined : `a public reply to ${customId}: ${shown}`;
	if (response.type === 7) {
		if (type === 3 && isButton && UPDATING_KINDS.test(customId)) return undefined;
		if (type === 5 && customId.startsWith('gig-reject-reason:v1:')) return undefined;
		return `${customId} updated its message`;
	}
	if (response.type === 9 && isButton && customId.startsWith('gig-reject:v1:')) return undefined;
	return `${customId} answered with callback type ${response.type}`;
}

/** Dispatches one payload and checks the answer, the log and the process. Returns the answer. */
async function send(payload: Record<string, unknown>): Promise<InteractionResponse> {
	const logsBefore = h.logs.length;
	const sent: SentInteraction = h.double.dispatchRaw(payload);
	let response: InteractionResponse;
	try {
		response = await h.double.waitForResponse(sent, CALLBACK_MS);
	} catch {
		throw new Error(`no answer within ${CALLBACK_MS} ms to ${describePayload(payload)}`);
	}
	const errors = h.logs.slice(logsBefore).filter((l) => typeof l.level === 'number' && l.level >= ERROR_LEVEL);
	const logged = errors.map(
		(e) => `${String(e.msg)}: ${JSON.stringify((e.err as { message?: unknown })?.message ?? e.err)}`,
	);
	if (response.type === DEFERRED_MESSAGE) {
		// A deferred answer is checked as it ends up: the defer's flags with the edit's content.
		const reply = await h.double.waitForReply(sent, CALLBACK_MS);
		response = { ...response, data: { ...reply.data, flags: response.data?.flags ?? 0 } };
	}
	const problem = problemWith(payload, response) ?? (logged.length > 0 ? 'the bot logged an error' : undefined);
	if (problem) throw new Error(`${problem}\nlog: ${logged.join('; ')}\npayload: ${describePayload(payload)}`);
	if (escaped.length > 0) throw new Error(`escaped: ${escaped.map((e) => `${e.kind}: ${String(e.error)}`).join('; ')}`);
	return response;
}

function describePayload(payload: Record<string, unknown>): string {
	const { guild_id, member, user, data, type } = payload as Record<string, unknown> & {
		member?: { permissions?: string; roles?: string[] };
	};
	return JSON.stringify({
		type,
		guild_id,
		member: member ? { permissions: member.permissions, roles: member.roles } : undefined,
		user: user ? 'yes' : undefined,
		data,
	});
}

// ---------------------------------------------------------------------------------------------------------
// DESIGN.md's data rules, checked on every row after every payload

const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MENTION = /<@[!&]?\d+>/;
const STATUSES = new Set(['pending', 'confirmed', 'rejected']);

function textProblem(what: string, value: string | null, max: number): string | undefined {
	if (value === null) return undefined;
	// Characters are code points, as Discord and zod count them.
	const length = [...value].length;
	if (length > max) return `${what} is ${length} characters long (at most ${max})`;
	if (INVISIBLE.test(value)) return `${what} holds a control or zero-width character: ${JSON.stringify(value)}`;
	if (LONE_SURROGATE.test(value)) return `${what} holds a broken surrogate pair: ${JSON.stringify(value)}`;
	return undefined;
}

async function violations(): Promise<string[]> {
	const found: string[] = [];
	const add = (problem: string | undefined) => problem && found.push(problem);
	const cipher = detailsCipherOf(h.db); // details are stored encrypted: check what the signer's text became
	for (const s of await h.db.signature.findMany()) {
		add(textProblem(`Signature.artistName`, s.artistName && cipher.open(s.signerKey, 'artistName', s.artistName), 100));
		add(textProblem(`Signature.city`, s.city && cipher.open(s.signerKey, 'city', s.city), 100));
		if (!/^[0-9a-f]{64}$/.test(s.signerKey) || userIds.has(s.signerKey))
			add(`Signature key is not a pseudonym: ${s.signerKey}`);
	}
	const flags = await h.db.gigFlag.findMany({ orderBy: { id: 'asc' } });
	const seen = new Map<string, number>();
	for (const f of flags) {
		const at = `GigFlag #${f.id}`;
		add(textProblem(`${at}.event`, f.event, 200));
		add(textProblem(`${at}.venue`, f.venue, 200));
		add(textProblem(`${at}.details`, f.details, 1000));
		if (f.event.length === 0 || f.venue.length === 0) add(`${at} has an empty event or venue`);
		for (const [field, value] of [
			['event', f.event],
			['venue', f.venue],
			['details', f.details ?? ''],
		] as const) {
			if (MENTION.test(value)) add(`${at}.${field} mentions someone: ${JSON.stringify(value)}`);
		}
		if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date) || f.date < f.createdAt.toISOString().slice(0, 10)) {
			add(`${at}.date ${f.date} is not a date from its creation day (${f.createdAt.toISOString()}) on`);
		}
		let protocol = '';
		try {
			protocol = new URL(f.link).protocol;
		} catch {}
		if (protocol !== 'http:' && protocol !== 'https:') add(`${at}.link is not http(s): ${JSON.stringify(f.link)}`);
		if (!(CONNECTION_KINDS as readonly string[]).includes(f.connection)) add(`${at}.connection is ${f.connection}`);
		if (!STATUSES.has(f.status)) add(`${at}.status is ${f.status}`);
		if (f.status === 'rejected') {
			add(textProblem(`${at}.reason`, f.reason, 500));
			if (!f.reason) add(`${at} was rejected without a reason`);
		}
		if (f.status !== 'pending' && (!f.reviewedBy || !f.reviewedAt)) add(`${at} was ${f.status} without who and when`);
		if (f.status === 'pending' && (f.reviewedBy || f.reviewedAt || f.reason)) add(`${at} is pending but has a review`);
		// The bot's own keys (src/commands/gig/input.ts): a second implementation here would test itself, not the bot.
		for (const key of [`link ${f.guildId} ${linkKey(f.link)}`, `event ${f.guildId} ${eventKey(f.event)} ${f.date}`]) {
			const first = seen.get(key);
			if (first !== undefined) add(`${at} duplicates GigFlag #${first} (${key})`);
			else seen.set(key, f.id);
		}
	}
	for (const s of await h.db.guildSettings.findMany()) {
		const where = h.double.guilds.find((g) => g.id === s.guildId);
		for (const [field, id] of [
			['announcementChannelId', s.announcementChannelId],
			['moderationChannelId', s.moderationChannelId],
		] as const) {
			if (id === null) continue;
			const channel = where?.channels.find((c) => c.id === id);
			if (!channel || (channel.type !== 0 && channel.type !== 5) || channel.deniedToBot !== 0n) {
				add(`GuildSettings ${s.guildId}.${field} = ${id} is not a text channel of that server the bot can post in`);
			}
		}
		if (
			s.moderatorRoleId !== null &&
			(s.moderatorRoleId === s.guildId || !where?.roles.some((r) => r.id === s.moderatorRoleId))
		) {
			add(`GuildSettings ${s.guildId}.moderatorRoleId = ${s.moderatorRoleId} is not a role of that server`);
		}
		if (s.milestoneThresholds !== null) {
			const list = s.milestoneThresholds.split(',').map(Number);
			const ok =
				/^\d+(,\d+)*$/.test(s.milestoneThresholds) &&
				list.length <= 25 &&
				list.every((n, i) => n >= 1 && (i === 0 || n > (list[i - 1] ?? 0)));
			if (!ok) add(`GuildSettings ${s.guildId}.milestoneThresholds = ${s.milestoneThresholds}`);
		}
	}
	return found;
}

async function expectRulesKept(): Promise<void> {
	const broken = await violations();
	if (broken.length > 0) throw new Error(`data rules broken:\n${broken.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------------------

interface WriteCase {
	actor: Actor;
	kind: 'sign' | 'flag';
	options: Option[];
	review: 'none' | 'confirm' | 'reject';
	reason: string;
}

/** Commands that write, with hostile text but otherwise mostly valid options, so rows do get written. */
function writeArb(): fc.Arbitrary<WriteCase> {
	const maybe = (name: string, value: fc.Arbitrary<unknown>, type: number = OPTION.string) =>
		fc.option(
			value.map((v): Option => ({ name, type, value: v })),
			{ nil: undefined, freq: 3 },
		);
	const sign = fc
		.tuple(maybe('artist_name', text), maybe('city', text), maybe('public', fc.boolean(), OPTION.boolean))
		.map((o) => o.filter((x): x is Option => x !== undefined));
	const flag = fc
		.record({
			event: fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...eventPool) }, { weight: 3, arbitrary: text }),
			venue: text,
			date: fc.oneof(
				{ weight: 6, arbitrary: fc.integer({ min: 0, max: 400 }).map(futureDay) },
				{ weight: 1, arbitrary: dateArb },
			),
			connection: fc.oneof(
				{ weight: 9, arbitrary: fc.constantFrom(...CONNECTION_KINDS) },
				{ weight: 1, arbitrary: anyValue },
			),
			link: fc.oneof({ weight: 3, arbitrary: fc.webUrl({ withFragments: true }) }, { weight: 2, arbitrary: linkArb }),
			details: fc.option(text, { nil: undefined }),
		})
		.map((f) =>
			Object.entries(f)
				.filter(([, v]) => v !== undefined)
				.map(([name, value]): Option => ({ name, type: OPTION.string, value })),
		);
	return fc
		.record({
			actor: actorArb(),
			where: fc.constantFrom<Actor['where']>('guild', 'guild', 'guild', 'other'),
			kind: fc.constantFrom<WriteCase['kind']>('sign', 'flag', 'flag'),
			sign,
			flag,
			review: fc.constantFrom<WriteCase['review']>('none', 'confirm', 'confirm', 'reject'),
			reason: text,
		})
		.map(({ actor, where, kind, sign, flag, review, reason }) => ({
			actor: { ...actor, where, permissions: DEFAULT_MEMBER_PERMISSIONS, channel: 'default', mutation: 'none' },
			kind,
			options: kind === 'sign' ? sign : flag,
			review,
			reason,
		}));
}

/** A moderator of `guildId` reviews the flag the way the queue post offers: Confirm, or Reject with a reason. */
async function review(guildId: string, flagId: number, how: 'confirm' | 'reject', reason: string): Promise<void> {
	const moderator = { guildId, user: { id: '500000000000000002' }, memberPermissions: MANAGE };
	const channelId = guildId === guild.id ? mods.id : (other.channels[0]?.id ?? '');
	if (how === 'confirm') {
		const customId = `gig-confirm:v1:${flagId}`;
		const payload = componentInteraction(world, { ...moderator, channelId, customId, message: {} });
		payload.message = messageFor(channelId, customId, 'button', false);
		await send(payload);
		return;
	}
	const customId = `gig-reject:v1:${flagId}`;
	const click = componentInteraction(world, { ...moderator, channelId, customId, message: {} });
	const message = messageFor(channelId, customId, 'button', false);
	click.message = message;
	if ((await send(click)).type !== 9) return;
	const submit = modalInteraction(world, {
		...moderator,
		channelId,
		customId: `gig-reject-reason:v1:${flagId}`,
		fields: { reason },
	});
	submit.message = message;
	await send(submit);
}

describe('hostile interactions through the gateway router', () => {
	it(`slash commands with hostile, mistyped, missing and unknown options (${budget(0.4).numRuns} payloads)`, {
		timeout: TIME_LIMIT,
	}, async () => {
		await fc.assert(
			fc.asyncProperty(commandArb(), async (c) => {
				await send(buildCommand(c));
				await expectRulesKept();
			}),
			{ ...budget(0.4), examples: prototypeExamples() },
		);
	});

	it(`buttons, select menus and modals with forged custom_ids and fields (${budget(0.25).numRuns} payloads)`, {
		timeout: TIME_LIMIT,
	}, async () => {
		await fc.assert(
			fc.asyncProperty(componentArb(), async (c) => {
				await send(buildComponent(c));
				await expectRulesKept();
			}),
			budget(0.25),
		);
	});

	it(`signing and flagging with hostile text, then reviewing (${budget(0.35).numRuns} payloads and their reviews)`, {
		timeout: TIME_LIMIT,
	}, async () => {
		await fc.assert(
			fc.asyncProperty(writeArb(), async (c) => {
				const before = (await h.db.gigFlag.aggregate({ _max: { id: true } }))._max.id ?? 0;
				const name = c.kind === 'sign' ? 'pledge' : 'gig';
				const subcommand = c.kind;
				await send(
					mutate(commandInteraction(world, { ...actorOpts(c.actor), name, subcommand, options: c.options }), c.actor),
				);
				const created = await h.db.gigFlag.findFirst({ where: { id: { gt: before } } });
				if (created && c.review !== 'none') await review(created.guildId, created.id, c.review, c.reason);
				await expectRulesKept();
			}),
			budget(0.35),
		);
	});

	it('renders every list and review page over whatever the fuzz stored', async () => {
		const admin = { user: { id: '500000000000000003' }, memberPermissions: MANAGE };
		for (const g of [guild, other]) {
			const commandPayload = (name: string, subcommand: string, page?: number) =>
				commandInteraction(world, {
					guildId: g.id,
					...admin,
					name,
					subcommand,
					options: page === undefined ? [] : [{ name: 'page', type: OPTION.integer, value: page }],
				});
			const pages = async (name: string, subcommand: string) => {
				const first = await send(commandPayload(name, subcommand));
				const footer = textOf(first.data ?? {}).match(/Page \d+ of (\d+)/);
				const count = Number(footer?.[1] ?? 1);
				for (let page = 2; page <= count; page++) await send(commandPayload(name, subcommand, page));
				return count;
			};
			await pages('gig', 'list');
			await pages('pledge', 'signers');
			const review = await send(commandPayload('gig', 'review'));
			expect(review.data?.flags).toBe(EPHEMERAL);
			const reviewPages = Number(review.data?.content?.match(/Page \d+ of (\d+)/)?.[1] ?? 1);
			for (let page = 2; page <= reviewPages; page++) {
				const customId = `review:v1:${page}`;
				const payload = componentInteraction(world, { guildId: g.id, ...admin, customId, message: {} });
				payload.message = messageFor(String(payload.channel_id), customId, 'button', true);
				expect((await send(payload)).type).toBe(7);
			}
		}
		expect(escaped).toEqual([]);
		await expectRulesKept();
	});

	it('renders the longest values the contract allows, markdown-escaped, in every view', async () => {
		// Every limit at once: escaping doubles these markdown characters, and parentheses in links grow when encoded.
		h.clock.now = new Date(NOW.getTime() + 60_000); // these signers are the newest: page 1 of the roster
		const admin = { guildId: quiet.id, user: { id: '500000000000000004' }, memberPermissions: MANAGE };
		const queue = quiet.channels[0] as ChannelState;
		const command = (name: string, subcommand: string, options: Option[], actor: Record<string, unknown> = admin) =>
			send(commandInteraction(world, { ...actor, name, subcommand, options }));
		const s = (name: string, value: unknown): Option => ({ name, type: OPTION.string, value });
		await command('setup', 'moderation', [{ name: 'channel', type: OPTION.channel, value: queue.id }]);
		for (let i = 0; i < 10; i++) {
			const signer = { guildId: quiet.id, user: { id: `40000000000000000${i}` } };
			const signed = await command(
				'pledge',
				'sign',
				[
					s('artist_name', '~'.repeat(100)),
					s('city', '|'.repeat(100)),
					{ name: 'public', type: OPTION.boolean, value: true },
				],
				signer,
			);
			expect(textOf(signed.data ?? {})).toContain('You signed the pledge');
		}
		const roster = await command('pledge', 'signers', []);
		expect(textOf(roster.data ?? {})).toContain('**10.**');

		const flagIds: number[] = [];
		for (let i = 0; i < 5; i++) {
			const link = `https://example.com/${i}/${'('.repeat(500 - 22)}`;
			const reporter = { guildId: quiet.id, user: { id: `40000000000000001${i}` } };
			const flagged = await command(
				'gig',
				'flag',
				[
					s('event', `${i}${'~'.repeat(199)}`),
					s('venue', '|'.repeat(200)),
					s('date', NOW.toISOString().slice(0, 10)),
					s('connection', 'aws'),
					s('link', link),
					s('details', '*_'.repeat(500)),
				],
				reporter,
			);
			expect(textOf(flagged.data ?? {})).toContain('Gig flagged');
			flagIds.push((await h.db.gigFlag.findFirstOrThrow({ where: { guildId: quiet.id }, orderBy: { id: 'desc' } })).id);
		}
		await waitFor(() => (h.double.messages.get(queue.id)?.length ?? 0) >= 5, 'five queue posts');
		expect(h.double.messages.get(queue.id)).toHaveLength(5);

		const page = await command('gig', 'review', []);
		expect(page.data?.embeds).toHaveLength(4);
		const reviewMessage = messageObject({
			channelId: queue.id,
			author: world.bot,
			body: { ...page.data, flags: EPHEMERAL },
			files: [],
		});
		for (const flagId of flagIds) {
			const customId = `gig-confirm:v1:${flagId}`;
			const click = componentInteraction(world, { ...admin, channelId: queue.id, customId, message: reviewMessage });
			expect((await send(click)).type).toBe(7);
		}
		const list = await command('gig', 'list', []);
		expect(list.data?.embeds).toHaveLength(1);
		for (let i = 0; i < 5; i++) expect(textOf(list.data ?? {})).toContain(`**${i}`);
		await expectRulesKept();
	});
});
