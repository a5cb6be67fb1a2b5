// How the milestone job recognises its own post of a threshold in a channel, to settle a claim left open by a crash.
//
// Discord's nonce check lasts minutes, and a fetched message does not carry the nonce (only the create response and
// the gateway's MESSAGE_CREATE do), so the post itself says what it is: it is authored by the bot and its picture is
// named after the threshold (`milestone-25.png`), a name nobody else's message in the channel can give the bot's.
import type { REST } from '@discordjs/rest';
import { type APIMessage, type APIUser, Routes } from 'discord.js';

/** Messages read per open claim: one page, Discord's largest. */
export const PAGE = 100;

/** The picture of a milestone post, named after its threshold: the post's stable marker. */
export function pictureName(threshold: number): string {
	return `milestone-${threshold}.png`;
}

/** True for the bot's own post of `threshold`. */
export function isOwnPost(message: APIMessage, botUserId: string, threshold: number): boolean {
	const name = pictureName(threshold);
	return message.author.id === botUserId && message.attachments.some((a) => a.filename === name);
}

/** The bot's post of `threshold` among the channel's latest messages (one page, newest first), if there. */
export async function findOwnPost(
	rest: REST,
	channelId: string,
	botUserId: string,
	threshold: number,
): Promise<APIMessage | undefined> {
	const page = (await rest.get(Routes.channelMessages(channelId), {
		query: new URLSearchParams({ limit: String(PAGE) }),
	})) as APIMessage[];
	return page.find((message) => isOwnPost(message, botUserId, threshold));
}

export async function currentUserId(rest: REST): Promise<string> {
	return ((await rest.get(Routes.user())) as APIUser).id;
}
