// REST routes other than interactions: gateway info, users, applications and commands, channels, guilds.
import { GatewayIntentBits, PermissionFlagsBits } from 'discord-api-types/v10';
import type { MessageBody } from './payloads.js';
import {
	applyEdit,
	botMemberObject,
	channelObject,
	dmChannelObject,
	guildObject,
	messageObject,
	roleObject,
} from './payloads.js';
import type { RestReply, Route } from './rest.js';
import { discordError } from './rest.js';
import { nextSnowflake } from './snowflake.js';
import type { ChannelState, GuildState } from './state.js';
import { botPermissionsIn, findChannel, isTextBased } from './state.js';
import { validateCommands, validateMessage } from './validate.js';
import type { StoredCommand, StoredMessage, World } from './world.js';

/** Sends a gateway dispatch to the bot if its intents cover `intent` (undefined: always). */
export type Dispatch = (event: string, data: unknown, intent?: number) => void;

export const Errors = {
	unknownChannel: () => discordError(404, 10003, 'Unknown Channel'),
	unknownGuild: () => discordError(404, 10004, 'Unknown Guild'),
	unknownMember: () => discordError(404, 10007, 'Unknown Member'),
	unknownMessage: () => discordError(404, 10008, 'Unknown Message'),
	unknownUser: () => discordError(404, 10013, 'Unknown User'),
	unknownApplication: () => discordError(404, 10002, 'Unknown Application'),
	missingAccess: () => discordError(403, 50001, 'Missing Access'),
	missingPermissions: () => discordError(403, 50013, 'Missing Permissions'),
	nonTextChannel: () => discordError(400, 50008, 'Cannot send messages in a non-text channel'),
};

const ok = (body: unknown): RestReply => ({ status: 200, body });
const noContent = (): RestReply => ({ status: 204 });

export function coreRoutes(world: World, dispatch: Dispatch): Route[] {
	return [
		{ method: 'GET', pattern: '/gateway', auth: false, handler: () => ok({ url: world.gatewayUrl }) },
		{
			method: 'GET',
			pattern: '/gateway/bot',
			auth: true,
			handler: () =>
				ok({
					url: world.gatewayUrl,
					shards: world.recommendedShards,
					session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
				}),
		},
		{ method: 'GET', pattern: '/users/@me', auth: true, handler: () => ok(world.bot) },
		{
			method: 'POST',
			pattern: '/users/@me/channels',
			auth: true,
			handler: ({ body }) => {
				const recipientId = (body as { recipient_id?: unknown } | undefined)?.recipient_id;
				const user = typeof recipientId === 'string' ? world.users.get(recipientId) : undefined;
				if (!user) return Errors.unknownUser();
				return ok(dmChannelObject(world.dmChannelFor(user), user));
			},
		},
		{
			method: 'GET',
			pattern: '/users/:userId',
			auth: true,
			handler: (_request, { userId = '' }) => {
				const user = world.users.get(userId);
				return user ? ok(user) : Errors.unknownUser();
			},
		},
		{ method: 'GET', pattern: '/applications/@me', auth: true, handler: () => ok(world.application) },
		...commandRoutes(world),
		...channelRoutes(world, dispatch),
		...guildRoutes(world),
	];
}

function commandRoutes(world: World): Route[] {
	// The scope of a commands route: 'global', a guild id, or an error reply.
	const scopeOf = (appId: string, guildId: string | undefined): string | RestReply => {
		if (appId !== world.applicationId) return Errors.unknownApplication();
		if (guildId === undefined) return 'global';
		return world.guilds.some((guild) => guild.id === guildId) ? guildId : Errors.missingAccess();
	};
	const list = (appId: string, guildId: string | undefined): RestReply => {
		const scope = scopeOf(appId, guildId);
		return typeof scope === 'string' ? ok(world.commands.get(scope) ?? []) : scope;
	};
	const overwrite = (appId: string, guildId: string | undefined, body: unknown): RestReply => {
		const scope = scopeOf(appId, guildId);
		if (typeof scope !== 'string') return scope;
		const invalid = validateCommands(body);
		if (invalid) return { status: 400, body: invalid };
		const previous = world.commands.get(scope) ?? [];
		const stored = (body as Array<Record<string, unknown>>).map((raw) => storedCommand(world, raw, guildId, previous));
		world.commands.set(scope, stored);
		return ok(stored);
	};
	const create = (appId: string, guildId: string | undefined, body: unknown): RestReply => {
		const scope = scopeOf(appId, guildId);
		if (typeof scope !== 'string') return scope;
		const invalid = validateCommands([body]);
		if (invalid) return { status: 400, body: invalid };
		const previous = world.commands.get(scope) ?? [];
		const command = storedCommand(world, body as Record<string, unknown>, guildId, previous);
		const existed = previous.some((candidate) => candidate.id === command.id);
		world.commands.set(scope, [...previous.filter((candidate) => candidate.id !== command.id), command]);
		return { status: existed ? 200 : 201, body: command };
	};
	return [
		{
			method: 'GET',
			pattern: '/applications/:appId/commands',
			auth: true,
			handler: (_r, p) => list(p.appId ?? '', undefined),
		},
		{
			method: 'PUT',
			pattern: '/applications/:appId/commands',
			auth: true,
			handler: ({ body }, p) => overwrite(p.appId ?? '', undefined, body),
		},
		{
			method: 'POST',
			pattern: '/applications/:appId/commands',
			auth: true,
			handler: ({ body }, p) => create(p.appId ?? '', undefined, body),
		},
		{
			method: 'GET',
			pattern: '/applications/:appId/guilds/:guildId/commands',
			auth: true,
			handler: (_r, p) => list(p.appId ?? '', p.guildId ?? ''),
		},
		{
			method: 'PUT',
			pattern: '/applications/:appId/guilds/:guildId/commands',
			auth: true,
			handler: ({ body }, p) => overwrite(p.appId ?? '', p.guildId ?? '', body),
		},
		{
			method: 'POST',
			pattern: '/applications/:appId/guilds/:guildId/commands',
			auth: true,
			handler: ({ body }, p) => create(p.appId ?? '', p.guildId ?? '', body),
		},
	];
}

/** A command as Discord returns it; a command keeps its id when overwritten under the same name and type. */
function storedCommand(
	world: World,
	raw: Record<string, unknown>,
	guildId: string | undefined,
	previous: StoredCommand[],
): StoredCommand {
	const type = typeof raw.type === 'number' ? raw.type : 1;
	const name = String(raw.name);
	const same = previous.find((command) => command.name === name && (command.type ?? 1) === type);
	const command: StoredCommand = {
		default_member_permissions: null,
		nsfw: false,
		integration_types: [0],
		contexts: null,
		description: '',
		...raw,
		id: same?.id ?? nextSnowflake(),
		application_id: world.applicationId,
		version: nextSnowflake(),
		type,
		name,
	};
	if (guildId !== undefined) command.guild_id = guildId;
	return command;
}

interface Target {
	guild: GuildState | undefined;
	channel: ChannelState | undefined;
	/** The channel object for GET /channels/:id. */
	object: Record<string, unknown>;
	type: number;
}

function targetOf(world: World, channelId: string): Target | undefined {
	const found = findChannel(world.guilds, channelId);
	if (found) {
		return {
			guild: found.guild,
			channel: found.channel,
			object: channelObject(found.channel, world.bot.id, { withGuildId: true }),
			type: found.channel.type,
		};
	}
	const recipient = world.dmChannels.get(channelId);
	if (recipient)
		return { guild: undefined, channel: undefined, object: dmChannelObject(channelId, recipient), type: 1 };
	return undefined;
}

/** Missing Access without ViewChannel, Missing Permissions without `needed`. */
function permissionProblem(target: Target, needed: bigint): RestReply | undefined {
	if (!target.guild) return undefined;
	const permissions = botPermissionsIn(target.guild, target.channel);
	if ((permissions & PermissionFlagsBits.ViewChannel) === 0n) return Errors.missingAccess();
	if ((permissions & needed) !== needed) return Errors.missingPermissions();
	return undefined;
}

function channelRoutes(world: World, dispatch: Dispatch): Route[] {
	const messageEvent = (target: Target, event: string, message: StoredMessage): void => {
		if (target.guild) {
			const member = botMemberObject(target.guild, world.bot);
			const { user: _user, ...partialMember } = member;
			dispatch(
				event,
				{ ...message, guild_id: target.guild.id, member: partialMember },
				GatewayIntentBits.GuildMessages,
			);
		} else {
			dispatch(event, message, GatewayIntentBits.DirectMessages);
		}
	};
	return [
		{
			method: 'GET',
			pattern: '/channels/:channelId',
			auth: true,
			handler: (_request, { channelId = '' }) => {
				const target = targetOf(world, channelId);
				if (!target) return Errors.unknownChannel();
				return permissionProblem(target, 0n) ?? ok(target.object);
			},
		},
		{
			method: 'POST',
			pattern: '/channels/:channelId/messages',
			auth: true,
			limit: 5,
			windowSeconds: 5,
			handler: ({ body, files }, { channelId = '' }) => {
				const target = targetOf(world, channelId);
				if (!target) return Errors.unknownChannel();
				const needed = PermissionFlagsBits.SendMessages | (files.length > 0 ? PermissionFlagsBits.AttachFiles : 0n);
				const denied = permissionProblem(target, needed);
				if (denied) return denied;
				if (!isTextBased(target.type)) return Errors.nonTextChannel();
				const message = (body ?? {}) as MessageBody & { enforce_nonce?: unknown };
				const invalid = validateMessage(message, { creation: true, fileCount: files.length }) ?? nonceProblem(message);
				if (invalid) return { status: 400, body: invalid };
				const nonceKey =
					message.enforce_nonce === true && message.nonce !== undefined ? `${channelId}:${message.nonce}` : undefined;
				const previous = nonceKey === undefined ? undefined : world.nonces.get(nonceKey);
				if (previous && Date.now() - previous.at < world.nonceWindowMs) return ok(previous.message);
				const created = messageObject({ channelId, author: world.bot, body: message, files });
				world.storeMessage(created);
				if (nonceKey !== undefined) world.nonces.set(nonceKey, { message: created, at: Date.now() });
				messageEvent(target, 'MESSAGE_CREATE', created);
				return ok(created);
			},
		},
		{
			// Newest first, `limit` 1–100 (default 50), `before`/`after` a message id, as Discord. Without Read Message
			// History, Discord answers an empty list. A fetched message carries no nonce (only the create response does).
			method: 'GET',
			pattern: '/channels/:channelId/messages',
			auth: true,
			handler: ({ query }, { channelId = '' }) => {
				const target = targetOf(world, channelId);
				if (!target) return Errors.unknownChannel();
				const denied = permissionProblem(target, 0n);
				if (denied) return denied;
				const limit = query.has('limit') ? Number(query.get('limit')) : 50;
				if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { status: 400, body: limitProblem() };
				if (
					target.guild &&
					(botPermissionsIn(target.guild, target.channel) & PermissionFlagsBits.ReadMessageHistory) === 0n
				) {
					return ok([]);
				}
				const before = query.get('before');
				const after = query.get('after');
				const newestFirst = [...(world.messages.get(channelId) ?? [])]
					.filter(
						(m) =>
							(before === null || BigInt(m.id) < BigInt(before)) && (after === null || BigInt(m.id) > BigInt(after)),
					)
					.sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
				return ok(newestFirst.slice(0, limit).map(({ nonce: _nonce, ...fetched }) => fetched));
			},
		},
		{
			method: 'GET',
			pattern: '/channels/:channelId/messages/:messageId',
			auth: true,
			handler: (_request, { channelId = '', messageId = '' }) => {
				const target = targetOf(world, channelId);
				if (!target) return Errors.unknownChannel();
				const message = world.storedMessage(channelId, messageId);
				return permissionProblem(target, 0n) ?? (message ? ok(message) : Errors.unknownMessage());
			},
		},
		{
			method: 'PATCH',
			pattern: '/channels/:channelId/messages/:messageId',
			auth: true,
			handler: ({ body, files }, { channelId = '', messageId = '' }) => {
				const target = targetOf(world, channelId);
				if (!target) return Errors.unknownChannel();
				const denied = permissionProblem(target, 0n);
				if (denied) return denied;
				const message = world.storedMessage(channelId, messageId);
				if (!message) return Errors.unknownMessage();
				const edit = (body ?? {}) as MessageBody;
				const invalid = validateMessage(edit, { creation: false, fileCount: files.length });
				if (invalid) return { status: 400, body: invalid };
				applyEdit(message, edit, files);
				messageEvent(target, 'MESSAGE_UPDATE', message);
				return ok(message);
			},
		},
		{
			method: 'DELETE',
			pattern: '/channels/:channelId/messages/:messageId',
			auth: true,
			handler: (_request, { channelId = '', messageId = '' }) => {
				const list = world.messages.get(channelId);
				const index = list?.findIndex((message) => message.id === messageId) ?? -1;
				if (!list || index === -1)
					return targetOf(world, channelId) ? Errors.unknownMessage() : Errors.unknownChannel();
				list.splice(index, 1);
				return noContent();
			},
		},
		{
			method: 'POST',
			pattern: '/channels/:channelId/typing',
			auth: true,
			handler: (_request, { channelId = '' }) => {
				const target = targetOf(world, channelId);
				if (!target) return Errors.unknownChannel();
				return permissionProblem(target, PermissionFlagsBits.SendMessages) ?? noContent();
			},
		},
	];
}

function limitProblem(): RestReply['body'] {
	return {
		code: 50035,
		message: 'Invalid Form Body',
		errors: {
			limit: { _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 100.' }] },
		},
	};
}

function nonceProblem(message: { nonce?: unknown }): RestReply['body'] | undefined {
	if (message.nonce === undefined || String(message.nonce).length <= 25) return undefined;
	return {
		code: 50035,
		message: 'Invalid Form Body',
		errors: { nonce: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }] } },
	};
}

function guildRoutes(world: World): Route[] {
	const guildOf = (guildId: string): GuildState | undefined => world.guilds.find((guild) => guild.id === guildId);
	return [
		{
			method: 'GET',
			pattern: '/guilds/:guildId',
			auth: true,
			handler: (_request, { guildId = '' }) => {
				const guild = guildOf(guildId);
				return guild ? ok(guildObject(guild)) : Errors.unknownGuild();
			},
		},
		{
			method: 'GET',
			pattern: '/guilds/:guildId/channels',
			auth: true,
			handler: (_request, { guildId = '' }) => {
				const guild = guildOf(guildId);
				if (!guild) return Errors.unknownGuild();
				return ok(guild.channels.map((channel) => channelObject(channel, world.bot.id, { withGuildId: true })));
			},
		},
		{
			method: 'GET',
			pattern: '/guilds/:guildId/roles',
			auth: true,
			handler: (_request, { guildId = '' }) => {
				const guild = guildOf(guildId);
				return guild ? ok(guild.roles.map(roleObject)) : Errors.unknownGuild();
			},
		},
		{
			method: 'GET',
			pattern: '/guilds/:guildId/members/:userId',
			auth: true,
			handler: (_request, { guildId = '', userId = '' }) => {
				const guild = guildOf(guildId);
				if (!guild) return Errors.unknownGuild();
				if (userId === world.bot.id) return ok(botMemberObject(guild, world.bot));
				const member = world.members.get(`${guildId}:${userId}`) as { permissions?: string } | undefined;
				if (!member) return Errors.unknownMember();
				// REST members carry no interaction-only `permissions`.
				const { permissions: _permissions, ...plain } = member;
				return ok(plain);
			},
		},
	];
}
