import type { REST } from '@discordjs/rest';
import {
	type InteractionEditReplyOptions,
	type InteractionReplyOptions,
	MessageFlags,
	type MessageMentionOptions,
	type RepliableInteraction,
} from 'discord.js';
import { type APIMessage, Routes } from 'discord-api-types/v10';

/** Nobody is pinged by anything the bot sends: no @everyone/@here, roles, users or replied user. */
export const NO_PINGS: MessageMentionOptions = { parse: [], users: [], roles: [], repliedUser: false };

/** A reply only the member sees. */
export function ephemeral(
	options: Omit<InteractionReplyOptions, 'flags' | 'ephemeral'>,
): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
	return { ...options, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS };
}

/**
 * Answers with the message: `reply` at first, `editReply` once the interaction was deferred (the defer already set
 * ephemeral or public). allowed_mentions is set either way.
 */
export async function respond(
	interaction: RepliableInteraction,
	message: Pick<InteractionReplyOptions & InteractionEditReplyOptions, 'content' | 'embeds' | 'components' | 'files'>,
	visibility: 'ephemeral' | 'public',
): Promise<void> {
	if (interaction.deferred) {
		await interaction.editReply({ ...message, allowedMentions: NO_PINGS });
	} else if (visibility === 'ephemeral') {
		await interaction.reply(ephemeral(message));
	} else {
		await interaction.reply({ ...message, allowedMentions: NO_PINGS });
	}
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
