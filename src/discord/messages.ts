import type { REST } from '@discordjs/rest';
import {
	type InteractionEditReplyOptions,
	type InteractionReplyOptions,
	isJSONEncodable,
	MessageFlags,
	type MessageMentionOptions,
	MessagePayload,
	type RepliableInteraction,
} from 'discord.js';
import {
	type APIAllowedMentions,
	type APIMessage,
	type APIMessageTopLevelComponent,
	Routes,
} from 'discord-api-types/v10';

/** Nobody is pinged by anything the bot sends: no @everyone/@here, roles, users or replied user. */
export const NO_PINGS: MessageMentionOptions = { parse: [], users: [], roles: [], repliedUser: false };

/** A reply only the member sees. */
export function ephemeral(
	options: Omit<InteractionReplyOptions, 'flags' | 'ephemeral'>,
): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
	return { ...options, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS };
}

/** What the bot answers with: wire-format embeds (APIEmbed) or builders, builders' components, files. */
export type Answer = Pick<
	InteractionReplyOptions & InteractionEditReplyOptions,
	'content' | 'embeds' | 'components' | 'files'
>;

/**
 * Answers with the message: `reply` at first, `editReply` once the interaction was deferred (the defer already set
 * ephemeral or public). allowed_mentions is set either way.
 *
 * Without files the answer goes as a MessagePayload whose body is already the wire format (MessagePayload#body is
 * public; discord.js sends a set body as it is): the embeds are APIEmbed already, so discord.js's own resolution
 * (snake-casing every embed key with lodash, a `require` per reply for its target checks) is skipped — ~0.1 ms of
 * CPU per answer in a signing burst (BENCHMARKS.md). Files need discord.js's attachment resolution: the options path.
 */
export async function respond(
	interaction: RepliableInteraction,
	message: Answer,
	visibility: 'ephemeral' | 'public',
): Promise<void> {
	if (message.files?.length) {
		if (interaction.deferred) await interaction.editReply({ ...message, allowedMentions: NO_PINGS });
		else if (visibility === 'ephemeral') await interaction.reply(ephemeral(message));
		else await interaction.reply({ ...message, allowedMentions: NO_PINGS });
		return;
	}
	const payload = new MessagePayload(interaction, {});
	// An edit keeps the flags the defer set (Discord accepts no Ephemeral flag on an edit).
	payload.body = wireBody(message, interaction.deferred ? undefined : visibility);
	payload.files = [];
	if (interaction.deferred) await interaction.editReply(payload);
	else await interaction.reply(payload);
}

function wireBody(
	message: Answer,
	visibility: 'ephemeral' | 'public' | undefined,
): NonNullable<MessagePayload['body']> {
	return {
		content: message.content ?? undefined,
		embeds: message.embeds?.map((embed) => (isJSONEncodable(embed) ? embed.toJSON() : embed)),
		components: message.components?.map((component) =>
			isJSONEncodable(component) ? component.toJSON() : (component as APIMessageTopLevelComponent),
		),
		flags: visibility === 'ephemeral' ? MessageFlags.Ephemeral : undefined,
		allowed_mentions: NO_PINGS_API,
	};
}

/** The same rule in Discord's wire format, for messages sent through REST directly. */
export const NO_PINGS_API: APIAllowedMentions = { parse: [], users: [], roles: [], replied_user: false };

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
