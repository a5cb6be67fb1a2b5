import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { nextSnowflake, randomSnowflake } from './snowflake.js';

export interface GuildSpec {
	id?: string;
	name?: string;
	channels?: ChannelSpec[];
	roles?: RoleSpec[];
	/** The bot member's permissions, carried by its managed role. */
	botPermissions?: bigint;
	/** The server's Discord locale (`preferred_locale`, `guild_locale` in interactions); default en-US. */
	locale?: string;
}
export interface ChannelSpec {
	id?: string;
	name?: string;
	/** ChannelType; default 0 (text). */
	type?: number;
	/** permission_overwrites deny for the bot's member id. */
	deniedToBot?: bigint;
}
export interface RoleSpec {
	id?: string;
	name?: string;
	permissions?: bigint;
}

export interface RoleState {
	id: string;
	name: string;
	permissions: bigint;
	position: number;
	/** Set on the bot's managed role. */
	botId?: string;
}
export interface ChannelState {
	id: string;
	guildId: string;
	name: string;
	type: number;
	position: number;
	deniedToBot: bigint;
}
export interface GuildState {
	id: string;
	name: string;
	ownerId: string;
	joinedAt: string;
	botRoleId: string;
	botPermissions: bigint;
	locale: string;
	/** @everyone first (its id is the guild id), then the spec's roles, then the bot's managed role. */
	roles: RoleState[];
	channels: ChannelState[];
}

export const DEFAULT_BOT_PERMISSIONS =
	PermissionFlagsBits.SendMessages |
	PermissionFlagsBits.ViewChannel |
	PermissionFlagsBits.EmbedLinks |
	PermissionFlagsBits.AttachFiles |
	PermissionFlagsBits.ReadMessageHistory;

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

const DEFAULT_CHANNELS: ChannelSpec[] = [
	{ name: 'general', type: ChannelType.GuildText },
	{ name: 'gigs', type: ChannelType.GuildText },
	{ name: 'Lounge', type: ChannelType.GuildVoice },
];

export function buildGuildState(spec: GuildSpec, botUserId: string, index: number): GuildState {
	const id = spec.id ?? nextSnowflake();
	const botPermissions = spec.botPermissions ?? DEFAULT_BOT_PERMISSIONS;
	// @everyone grants nothing unless the spec says so, so botPermissions is the bot's whole permission set.
	const everyoneSpec = spec.roles?.find((role) => role.id === id);
	const roles: RoleState[] = [{ id, name: '@everyone', permissions: everyoneSpec?.permissions ?? 0n, position: 0 }];
	for (const role of spec.roles ?? []) {
		if (role === everyoneSpec) continue;
		roles.push({
			id: role.id ?? nextSnowflake(),
			name: role.name ?? `role-${roles.length}`,
			permissions: role.permissions ?? 0n,
			position: roles.length,
		});
	}
	const botRoleId = nextSnowflake();
	roles.push({
		id: botRoleId,
		name: 'Test Bot',
		permissions: botPermissions,
		position: roles.length,
		botId: botUserId,
	});
	const channels = (spec.channels ?? DEFAULT_CHANNELS).map(
		(channel, position): ChannelState => ({
			id: channel.id ?? nextSnowflake(),
			guildId: id,
			name: channel.name ?? `channel-${position}`,
			type: channel.type ?? ChannelType.GuildText,
			position,
			deniedToBot: channel.deniedToBot ?? 0n,
		}),
	);
	return {
		id,
		name: spec.name ?? `Test Guild ${index + 1}`,
		ownerId: randomSnowflake(),
		joinedAt: new Date(Date.now() - 86_400_000).toISOString(),
		botRoleId,
		botPermissions,
		locale: spec.locale ?? 'en-US',
		roles,
		channels,
	};
}

/** The bot's effective permissions in a channel: roles, then its member overwrite (Discord's order, simplified). */
export function botPermissionsIn(guild: GuildState, channel: ChannelState | undefined): bigint {
	const everyone = guild.roles[0]?.permissions ?? 0n;
	const botRole = guild.roles.find((role) => role.id === guild.botRoleId)?.permissions ?? 0n;
	const base = everyone | botRole;
	if (base & PermissionFlagsBits.Administrator) return ALL_PERMISSIONS;
	if (!channel) return base;
	return base & ~channel.deniedToBot;
}

export interface ChannelLookup {
	guild: GuildState;
	channel: ChannelState;
}

export function findChannel(guilds: readonly GuildState[], channelId: string): ChannelLookup | undefined {
	for (const guild of guilds) {
		const channel = guild.channels.find((candidate) => candidate.id === channelId);
		if (channel) return { guild, channel };
	}
	return undefined;
}

/** Text-based channel types a message can be posted to. */
export function isTextBased(type: number): boolean {
	return (
		type === ChannelType.GuildText ||
		type === ChannelType.GuildAnnouncement ||
		type === ChannelType.GuildVoice ||
		type === ChannelType.GuildStageVoice ||
		type === ChannelType.PublicThread ||
		type === ChannelType.PrivateThread ||
		type === ChannelType.AnnouncementThread ||
		type === ChannelType.DM
	);
}
