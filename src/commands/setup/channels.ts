import {
	type ChatInputCommandInteraction,
	type Client,
	channelMention,
	type GuildBasedChannel,
	PermissionFlagsBits,
} from 'discord.js';
import { permissionNames } from '../../discord/permissions.js';
import { UserError } from '../../discord/userError.js';
import type { Catalogue } from '../../i18n/index.js';
import type { ChannelValue } from '../declaration/spec.js';
import { POSTABLE_CHANNELS } from './definition.js';

const POSTABLE_TYPES = new Set<number>(POSTABLE_CHANNELS);

/** What the bot needs in a channel it posts to. Milestone posts carry a picture. */
export const NEEDS = {
	moderation: [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks],
	alerts: [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks],
	announcements: [
		PermissionFlagsBits.ViewChannel,
		PermissionFlagsBits.SendMessages,
		PermissionFlagsBits.EmbedLinks,
		PermissionFlagsBits.AttachFiles,
		PermissionFlagsBits.ReadMessageHistory, // after a crash the job reads the channel for its own post
	],
};

/**
 * The chosen channel, checked at run time (a forged payload can name any id): a text or announcement
 * channel of this server in which the bot has the permissions it needs. What cannot be known (a server
 * the gateway did not describe, the bot's member unknown) is not held against the admin: a channel
 * that later refuses posts is marked by the milestone job and shown by /setup show.
 */
export async function postableChannel(
	interaction: ChatInputCommandInteraction,
	option: ChannelValue,
	purpose: keyof typeof NEEDS,
	t: Catalogue,
): Promise<{ id: string }> {
	const { id } = option;
	const channel = await findGuildChannel(interaction, id);
	if (!channel) {
		// Neither cached nor fetchable: rely on what Discord resolved for this interaction, if anything.
		if (option.type === undefined) throw new UserError(t.setup.otherServer);
		if (!POSTABLE_TYPES.has(option.type)) throw new UserError(t.setup.notTextChannel);
		return { id };
	}
	if (channel.guildId !== interaction.guildId) throw new UserError(t.setup.otherServer);
	if (!POSTABLE_TYPES.has(channel.type)) throw new UserError(t.setup.notTextChannel);
	const missing = await missingIn(channel, purpose);
	if (missing.length > 0) throw new UserError(t.setup.botMissing(channelMention(id), permissionNames(t, missing)));
	return { id };
}

/** What the bot lacks in a channel for its purpose; nothing when that cannot be known (the bot's member unknown). */
async function missingIn(channel: GuildBasedChannel, purpose: keyof typeof NEEDS) {
	const me = channel.guild.members.me ?? (await channel.guild.members.fetchMe().catch(() => null));
	if (!me) return [];
	const granted = channel.permissionsFor(me);
	return NEEDS[purpose].filter((p) => !granted.has(p));
}

/** A server as the bot knows it: the client, and the server's id. */
export interface ServerPlace {
	client: Client;
	guildId: string | null;
}

/** The bot's missing permissions in a stored channel (gone or unreadable channels: none known). */
export async function missingPermissions(place: ServerPlace, id: string, purpose: keyof typeof NEEDS) {
	const channel = await findGuildChannel(place, id);
	return channel ? missingIn(channel, purpose) : [];
}

async function findGuildChannel(place: ServerPlace, id: string): Promise<GuildBasedChannel | null> {
	const cached = place.guildId ? place.client.guilds.cache.get(place.guildId)?.channels.cache.get(id) : undefined;
	if (cached) return cached;
	// Channels are not cached (src/client.ts): ask Discord, which answers for any channel the bot can see.
	const fetched = await place.client.channels.fetch(id).catch(() => null);
	return fetched && 'guildId' in fetched ? (fetched as GuildBasedChannel) : null;
}
