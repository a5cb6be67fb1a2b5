import { channelMention } from 'discord.js';
import { updateGuildSettings } from '../../db/guildSettings.js';
import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import type { SubcommandHandler } from '../declaration/define.js';
import { postableChannel } from './channels.js';
import type { setupSpec } from './definition.js';

/** Where confirmed gigs are announced (pending and rejected flags never are). */
export const alerts: SubcommandHandler<(typeof setupSpec)['subcommands']['alerts']['options']> = async (
	interaction,
	options,
	ctx,
	t,
) => {
	const guildId = requireGuildId(interaction, t);
	const channel = await postableChannel(interaction, options.channel, 'alerts', t);
	await updateGuildSettings(ctx.db, guildId, interaction.user.id, 'setup.alerts', {
		alertChannelId: channel.id,
		guildLocale: interaction.guildLocale,
	});
	await respond(interaction, { content: t.setup.alertsSaved(channelMention(channel.id)) }, 'ephemeral');
};
