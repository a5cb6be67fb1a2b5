import type { REST } from '@discordjs/rest';
import { type InteractionReplyOptions, MessageFlags, type MessageMentionOptions } from 'discord.js';
import { type APIMessage, Routes } from 'discord-api-types/v10';

/** Nobody is pinged by anything the bot sends: no @everyone/@here, roles, users or replied user. */
export const NO_PINGS: MessageMentionOptions = { parse: [], users: [], roles: [], repliedUser: false };

/** A reply only the member sees. */
export function ephemeral(
	options: Omit<InteractionReplyOptions, 'flags' | 'ephemeral'>,
): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
	return { ...options, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS };
}

/** The same rule in Discord's wire format, for messages sent through REST directly. */
export const NO_PINGS_API = { parse: [], users: [], roles: [], replied_user: false } as const;

/**
 * Posts a message to a channel through REST (the channel need not be cached). allowed_mentions is set here,
 * once for every post, because raw REST bypasses the client-wide default.
 */
export function postToChannel(
	rest: REST,
	channelId: string,
	body: Record<string, unknown>,
	files?: { name: string; data: Buffer; contentType?: string }[],
): Promise<APIMessage> {
	return rest.post(Routes.channelMessages(channelId), {
		body: { ...body, allowed_mentions: NO_PINGS_API },
		...(files ? { files } : {}),
	}) as Promise<APIMessage>;
}

export function editChannelMessage(rest: REST, channelId: string, messageId: string, body: Record<string, unknown>) {
	return rest.patch(Routes.channelMessage(channelId, messageId), { body: { ...body, allowed_mentions: NO_PINGS_API } });
}
