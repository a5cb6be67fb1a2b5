import type { Guild } from 'discord.js';
import { checklistEmbed } from '../commands/help/view.js';
import { missingPermissions } from '../commands/setup/channels.js';
import type { BotContext } from '../context.js';
import { getGuildSettings } from '../db/guildSettings.js';
import { claimWelcome } from '../db/welcome.js';
import { postToChannel } from '../discord/messages.js';
import { serverCatalogue } from '../i18n/index.js';

/**
 * When the bot is added to a server (discord.js emits guildCreate only for servers joined while running, not for
 * those it already was in), the set-up checklist is posted once to the server's system channel, if the bot may post
 * there. Best effort: a failure is logged, nothing else.
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
			if (!(await claimWelcome(ctx.db, guild.id, ctx.now()))) return;
			const settings = await getGuildSettings(ctx.db, guild.id);
			const t = serverCatalogue(settings?.language, guild.preferredLocale);
			await postToChannel(guild.client.rest, channelId, {
				content: t.help.welcome,
				embeds: [await checklistEmbed(place, ctx, t)],
			});
			ctx.log.info({ guildId: guild.id }, 'joined a server; welcome posted');
		} catch (error) {
			ctx.log.warn({ err: error, guildId: guild.id }, 'could not post the welcome');
		}
	};
}
