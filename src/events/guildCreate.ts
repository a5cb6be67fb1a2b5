import { DiscordAPIError, type Guild } from 'discord.js';
import { checklistEmbed } from '../commands/help/view.js';
import { missingPermissions } from '../commands/setup/channels.js';
import type { BotContext } from '../context.js';
import { getGuildSettings } from '../db/guildSettings.js';
import { claimWelcome, releaseWelcome } from '../db/welcome.js';
import { postToChannel } from '../discord/messages.js';
import { serverCatalogue } from '../i18n/index.js';

/**
 * When the bot is added to a server (discord.js emits guildCreate only for servers joined while running, not for
 * those it already was in), the set-up checklist is posted once to the server's system channel, if the bot may post
 * there. A failure is logged. When the welcome surely was not posted (it failed before the post, or Discord refused
 * the post), the claim is given back so that the server's next join tries again. A post that may have reached Discord
 * (a server error, a timeout) keeps it: never twice.
 */
export function createGuildJoinHandler(ctx: BotContext) {
	return async (guild: Guild): Promise<void> => {
		const channelId = guild.systemChannelId;
		if (!channelId) return;
		try {
			const place = { client: guild.client, guildId: guild.id, guildLocale: guild.preferredLocale };
			if ((await missingPermissions(place, channelId, 'moderation')).length > 0) {
				ctx.log.info({ guildId: guild.id }, 'joined a server; no welcome: the bot may not post in its system channel');
				return;
			}
			const claimedAt = ctx.now();
			if (!(await claimWelcome(ctx.db, guild.id, claimedAt))) return;
			let posting = false;
			try {
				const settings = await getGuildSettings(ctx.db, guild.id);
				const t = serverCatalogue(settings?.language, guild.preferredLocale);
				const body = { content: t.help.welcome, embeds: [await checklistEmbed(place, ctx, t)] };
				posting = true;
				await postToChannel(guild.client.rest, channelId, body);
			} catch (error) {
				if (!posting || isRefusal(error)) await releaseWelcome(ctx.db, guild.id, claimedAt);
				throw error;
			}
			ctx.log.info({ guildId: guild.id }, 'joined a server; welcome posted');
		} catch (error) {
			ctx.log.warn({ err: error, guildId: guild.id }, 'could not post the welcome');
		}
	};
}

/** Discord answered the post with a 4xx: no message was created (a 429 is retried by discord.js before this). */
const isRefusal = (error: unknown) => error instanceof DiscordAPIError && error.status >= 400 && error.status < 500;
