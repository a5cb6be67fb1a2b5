// The moderation channel's cards: one per flag, posted when it is flagged and kept in step with the stored flag.
import type { REST } from '@discordjs/rest';
import type { BotContext } from '../../context.js';
import { getFlag, setQueueMessage } from '../../db/gigs.js';
import { getGuildSettings } from '../../db/guildSettings.js';
import { editChannelMessage, postToChannel } from '../../discord/messages.js';
import { type Catalogue, serverCatalogue } from '../../i18n/index.js';
import { queueCard } from './views.js';

/** The server a card belongs to, and its Discord locale (the fallback of its language). */
export interface Where {
	guildId: string;
	guildLocale: string | null;
}

/**
 * Posts a new flag's card to the moderation channel (best effort: without a channel, or when the post fails, the
 * flag waits in /gig review). A moderator may review the flag (from /gig review) while the post waits for the
 * channel's rate limit: the card is then edited to the outcome, so it never offers buttons for a reviewed flag.
 */
export async function postToQueue(rest: REST, ctx: BotContext, where: Where, flagId: number) {
	const { guildId } = where;
	const settings = await getGuildSettings(ctx.db, guildId);
	const channelId = settings?.moderationChannelId;
	if (!channelId) return;
	const t = serverCatalogue(settings.language, where.guildLocale);
	const flag = await getFlag(ctx.db, guildId, flagId);
	if (!flag) return;
	try {
		const message = await postToChannel(rest, channelId, queueCard(t, flag));
		await setQueueMessage(ctx.db, flagId, channelId, message.id);
		const now = await getFlag(ctx.db, guildId, flagId);
		if (now && now.status !== flag.status) await editChannelMessage(rest, channelId, message.id, queueCard(t, now));
	} catch (error) {
		ctx.log.warn({ err: error, guildId, flagId }, 'could not post the flag to the moderation channel');
	}
}

/**
 * Shows the stored state of a flag (its outcome, its report count) on its card, if it has one. Best effort. `t` is
 * the server's catalogue (cards are public posts: in the server's language, whoever's click made them).
 */
export async function refreshQueueCard(rest: REST, ctx: BotContext, t: Catalogue, guildId: string, flagId: number) {
	const flag = await getFlag(ctx.db, guildId, flagId);
	if (!flag?.queueChannelId || !flag.queueMessageId) return;
	await editChannelMessage(rest, flag.queueChannelId, flag.queueMessageId, queueCard(t, flag)).catch((error: unknown) =>
		ctx.log.warn({ err: error, guildId, flagId }, 'could not update the flag’s card in the moderation channel'),
	);
}
