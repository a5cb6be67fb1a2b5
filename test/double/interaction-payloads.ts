// INTERACTION_CREATE payloads shaped like Discord's: application commands, components, modal submits.
import { randomBytes } from 'node:crypto';
import type { APIAttachment, APIMessage, APIUser } from 'discord-api-types/v10';
import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import {
	channelObject,
	DEFAULT_LOCALE,
	dmChannelObject,
	interactionMemberObject,
	messageObject,
	roleObject,
	userObject,
} from './payloads.js';
import { nextSnowflake, randomSnowflake } from './snowflake.js';
import type { ChannelState, GuildState } from './state.js';
import { botPermissionsIn, findChannel, isTextBased } from './state.js';

/** Who acts and where; shared by every kind of interaction. */
export interface ActorOpts {
	/** null → a DM with the bot (no member). Default: the first guild. */
	guildId?: string | null;
	/** Default: the guild's first text channel (or the user's DM channel). */
	channelId?: string;
	user?: Partial<{ id: string; username: string; global_name: string }>;
	/** The member's permissions; default a plain member (ViewChannel|SendMessages|UseApplicationCommands). */
	memberPermissions?: bigint;
	memberRoles?: string[];
	/** The user's client locale; default 'en-US'. */
	locale?: string;
}
export interface CommandOpts extends ActorOpts {
	name: string;
	subcommand?: string;
	options?: Array<{ name: string; type: number; value: unknown }>;
	/** Merged over what the double fills in for user/channel/role/mentionable/attachment options. */
	resolved?: unknown;
}
/** An autocomplete request while the member types in `focused` (an option of `options`). */
export interface AutocompleteOpts extends CommandOpts {
	focused: string;
}

/** A message context-menu command (Apps → <name> on a message), as Discord sends it: type 2, data.type 3. */
export interface MessageCommandOpts extends ActorOpts {
	name: string;
	/** The target message's content (Discord sends it for context-menu targets even without the content intent). */
	content: string;
	/** Its author; default a member of the server. */
	author?: APIUser;
	embeds?: unknown[];
}
export interface ComponentOpts extends ActorOpts {
	customId: string;
	/** The message the button is on; default a stub message by the bot in the channel. */
	message?: unknown;
}
export interface ModalOpts extends ActorOpts {
	customId: string;
	fields: Record<string, string>;
	/** The message whose component opened the modal, if any. */
	message?: unknown;
	/** 'actionRow' (default): [{type:1, components:[text input]}]; 'label': [{type:18, component: text input}]. */
	layout?: 'actionRow' | 'label';
}

/** What interaction builders need to know about the double. */
export interface InteractionWorld {
	applicationId: string;
	bot: APIUser;
	guilds: readonly GuildState[];
	/** The registered command's id (guild command first), or a stable made-up one. */
	commandFor(name: string, guildId: string | undefined): { id: string; guildId?: string };
	/** The DM channel between the bot and this user (created on first use). */
	dmChannelFor(user: APIUser): string;
	rememberUser(user: APIUser, guildId: string | undefined, member: unknown): void;
}

export const DEFAULT_MEMBER_PERMISSIONS =
	PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;

// What a bot may do in a DM; Discord sends a fixed set like this as app_permissions there.
const DM_APP_PERMISSIONS =
	PermissionFlagsBits.ViewChannel |
	PermissionFlagsBits.SendMessages |
	PermissionFlagsBits.EmbedLinks |
	PermissionFlagsBits.AttachFiles |
	PermissionFlagsBits.ReadMessageHistory |
	PermissionFlagsBits.AddReactions |
	PermissionFlagsBits.UseExternalEmojis;

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export type InteractionPayload = Record<string, unknown> & { id: string; token: string; type: number };

interface Location {
	guild: GuildState | undefined;
	/** Set when the guild id was given but is not one of the double's guilds (forged payloads). */
	guildId: string | undefined;
	channel: ChannelState | undefined;
	channelId: string;
}

function interactionToken(id: string): string {
	// Real tokens are base64 of "interaction:<id>:<secret>": long, URL-safe.
	return Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
}

function locate(world: InteractionWorld, opts: ActorOpts, user: APIUser): Location {
	if (opts.guildId === null) {
		return { guild: undefined, guildId: undefined, channel: undefined, channelId: world.dmChannelFor(user) };
	}
	const byChannel = opts.channelId === undefined ? undefined : findChannel(world.guilds, opts.channelId);
	const guild =
		opts.guildId !== undefined
			? world.guilds.find((candidate) => candidate.id === opts.guildId)
			: (byChannel?.guild ?? world.guilds[0]);
	const guildId = opts.guildId ?? guild?.id;
	if (guildId === undefined) {
		return { guild: undefined, guildId: undefined, channel: undefined, channelId: world.dmChannelFor(user) };
	}
	const channel =
		opts.channelId !== undefined
			? byChannel?.channel
			: (guild?.channels.find((candidate) => candidate.type === ChannelType.GuildText) ?? guild?.channels[0]);
	const channelId = opts.channelId ?? channel?.id ?? nextSnowflake();
	return { guild, guildId, channel, channelId };
}

/** The fields every interaction carries: ids, token, who, where, permissions, locale, context. */
function baseInteraction(world: InteractionWorld, opts: ActorOpts, type: number): InteractionPayload {
	const id = nextSnowflake();
	const user = userObject(opts.user ?? {}, opts.user?.id ?? randomSnowflake());
	const where = locate(world, opts, user);
	const payload: InteractionPayload = {
		id,
		token: interactionToken(id),
		type,
		application_id: world.applicationId,
		channel_id: where.channelId,
		locale: opts.locale ?? DEFAULT_LOCALE,
		version: 1,
		entitlements: [],
		attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
	};
	if (where.guildId === undefined) {
		world.rememberUser(user, undefined, undefined);
		Object.assign(payload, {
			user,
			channel: dmChannelObject(where.channelId, user),
			app_permissions: DM_APP_PERMISSIONS.toString(),
			authorizing_integration_owners: { '0': '0' },
			context: 1,
		});
		return payload;
	}
	const memberPermissions = opts.memberPermissions ?? DEFAULT_MEMBER_PERMISSIONS;
	const member = interactionMemberObject(
		user,
		opts.memberRoles ?? [],
		memberPermissions,
		new Date(Date.now() - 3_600_000).toISOString(),
	);
	world.rememberUser(user, where.guildId, member);
	const channel = where.channel
		? channelObject(where.channel, world.bot.id, { withGuildId: true, permissions: memberPermissions.toString() })
		: { id: where.channelId, type: ChannelType.GuildText, guild_id: where.guildId, name: 'unknown', flags: 0 };
	Object.assign(payload, {
		guild_id: where.guildId,
		guild: { id: where.guildId, locale: where.guild?.locale ?? DEFAULT_LOCALE, features: [] },
		guild_locale: where.guild?.locale ?? DEFAULT_LOCALE,
		channel,
		member,
		app_permissions: where.guild ? botPermissionsIn(where.guild, where.channel).toString() : '0',
		authorizing_integration_owners: { '0': where.guildId },
		context: 0,
	});
	return payload;
}

export function commandInteraction(world: InteractionWorld, opts: CommandOpts): InteractionPayload {
	const payload = baseInteraction(world, opts, 2);
	const guildId = payload.guild_id as string | undefined;
	const command = world.commandFor(opts.name, guildId);
	const leafOptions = opts.options ?? [];
	const options =
		opts.subcommand === undefined ? leafOptions : [{ name: opts.subcommand, type: 1, options: leafOptions }];
	const data: Record<string, unknown> = { id: command.id, name: opts.name, type: 1 };
	if (options.length > 0) data.options = options;
	if (command.guildId !== undefined) data.guild_id = command.guildId;
	const resolved = mergeResolved(resolveOptions(world, leafOptions, guildId), opts.resolved);
	if (Object.keys(resolved).length > 0) data.resolved = resolved;
	payload.data = data;
	return payload;
}

export function autocompleteInteraction(world: InteractionWorld, opts: AutocompleteOpts): InteractionPayload {
	const payload = commandInteraction(world, opts);
	payload.type = 4;
	const data = payload.data as { options?: Array<{ name: string; options?: Array<Record<string, unknown>> }> };
	const leaves = opts.subcommand === undefined ? data.options : data.options?.[0]?.options;
	for (const option of (leaves ?? []) as Array<Record<string, unknown>>) {
		if (option.name === opts.focused) option.focused = true;
	}
	return payload;
}

export function messageCommandInteraction(world: InteractionWorld, opts: MessageCommandOpts): InteractionPayload {
	const payload = baseInteraction(world, opts, 2);
	const guildId = payload.guild_id as string | undefined;
	const command = world.commandFor(opts.name, guildId);
	const target = messageObject({
		channelId: payload.channel_id as string,
		author: opts.author ?? userObject({}, randomSnowflake()),
		body: { content: opts.content, embeds: opts.embeds as never },
		files: [],
	});
	const data: Record<string, unknown> = {
		id: command.id,
		name: opts.name,
		type: 3,
		target_id: target.id,
		resolved: { messages: { [target.id]: target } },
	};
	if (command.guildId !== undefined) data.guild_id = command.guildId;
	payload.data = data;
	return payload;
}

export function componentInteraction(world: InteractionWorld, opts: ComponentOpts): InteractionPayload {
	const payload = baseInteraction(world, opts, 3);
	payload.message = opts.message ?? stubMessage(world, payload.channel_id as string, opts.customId);
	payload.data = { custom_id: opts.customId, component_type: 2 };
	return payload;
}

export function modalInteraction(world: InteractionWorld, opts: ModalOpts): InteractionPayload {
	const payload = baseInteraction(world, opts, 5);
	if (opts.message !== undefined) payload.message = opts.message;
	let componentId = 0;
	const components = Object.entries(opts.fields).map(([customId, value]) => {
		const input = { type: 4, id: 0, custom_id: customId, value };
		if (opts.layout === 'label') {
			const id = ++componentId;
			input.id = ++componentId;
			return { type: 18, id, component: input };
		}
		const id = ++componentId;
		input.id = ++componentId;
		return { type: 1, id, components: [input] };
	});
	payload.data = { custom_id: opts.customId, components };
	return payload;
}

/** A message by the bot carrying one button, for clicks on messages the test did not provide. */
function stubMessage(world: InteractionWorld, channelId: string, customId: string): APIMessage {
	return messageObject({
		channelId,
		author: world.bot,
		body: {
			content: '',
			components: [
				{ type: 1, id: 1, components: [{ type: 2, id: 2, style: 1, label: customId, custom_id: customId }] },
			],
		},
		files: [],
	});
}

type Resolved = Record<string, Record<string, unknown>>;

/** Discord's `data.resolved` for the option values that name users, channels, roles, mentionables, attachments. */
function resolveOptions(
	world: InteractionWorld,
	options: ReadonlyArray<{ type: number; value: unknown }>,
	guildId: string | undefined,
): Resolved {
	const resolved: Resolved = {};
	const put = (kind: string, id: string, value: unknown): void => {
		resolved[kind] ??= {};
		(resolved[kind] as Record<string, unknown>)[id] = value;
	};
	const guild = world.guilds.find((candidate) => candidate.id === guildId);
	const putUser = (id: string): void => {
		put('users', id, userObject({}, id));
		if (guildId !== undefined) {
			put('members', id, {
				avatar: null,
				banner: null,
				communication_disabled_until: null,
				flags: 0,
				joined_at: new Date(Date.now() - 86_400_000).toISOString(),
				nick: null,
				pending: false,
				premium_since: null,
				roles: [],
				permissions: DEFAULT_MEMBER_PERMISSIONS.toString(),
			});
		}
	};
	for (const option of options) {
		const id = String(option.value);
		const role = guild?.roles.find((candidate) => candidate.id === id);
		switch (option.type) {
			case 6:
				putUser(id);
				break;
			case 7: {
				const found = findChannel(world.guilds, id);
				if (found) put('channels', id, resolvedChannel(world, found.guild, found.channel));
				break;
			}
			case 8:
				if (role) put('roles', id, roleObject(role));
				break;
			case 9:
				if (role) put('roles', id, roleObject(role));
				else putUser(id);
				break;
			case 11:
				put('attachments', id, stubAttachment(id));
				break;
		}
	}
	return resolved;
}

function resolvedChannel(world: InteractionWorld, guild: GuildState, channel: ChannelState): Record<string, unknown> {
	const full = channelObject(channel, world.bot.id, {
		withGuildId: true,
		permissions: DEFAULT_MEMBER_PERMISSIONS.toString(),
	});
	// Resolved channels carry no overwrites; they carry the invoker's permissions instead.
	delete full.permission_overwrites;
	if (isTextBased(channel.type)) full.app_permissions = botPermissionsIn(guild, channel).toString();
	return full;
}

function stubAttachment(id: string): APIAttachment {
	return {
		id,
		filename: 'upload.png',
		size: 1024,
		url: `https://cdn.discordapp.com/ephemeral-attachments/0/${id}/upload.png`,
		proxy_url: `https://media.discordapp.net/ephemeral-attachments/0/${id}/upload.png`,
		content_type: 'image/png',
		width: 16,
		height: 16,
		ephemeral: true,
	};
}

function mergeResolved(auto: Resolved, given: unknown): Resolved {
	if (typeof given !== 'object' || given === null) return auto;
	const merged: Resolved = { ...auto };
	for (const [kind, entries] of Object.entries(given as Resolved)) {
		merged[kind] = { ...(merged[kind] ?? {}), ...entries };
	}
	return merged;
}
