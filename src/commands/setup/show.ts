import { EmbedBuilder } from 'discord.js';
import { CAMPAIGN_COLOUR } from '../../campaign.js';
import { getGuildSettings } from '../../db/guildSettings.js';
import { requireGuildId } from '../../discord/guild.js';
import { ephemeral } from '../../discord/messages.js';
import { settingsFields } from '../../text/settings.js';
import type { SubcommandHandler } from '../declaration/define.js';
import type { NoOptions } from '../declaration/spec.js';

/** The server's settings, privately. */
export const show: SubcommandHandler<NoOptions> = async (interaction, _options, ctx, t) => {
	const guildId = requireGuildId(interaction, t);
	const settings = await getGuildSettings(ctx.db, guildId);
	const embed = new EmbedBuilder()
		.setColor(CAMPAIGN_COLOUR)
		.setTitle(t.setup.showTitle)
		.setDescription(t.setup.showIntro)
		.addFields(settingsFields(t, settings, interaction.guildLocale));
	await interaction.reply(ephemeral({ embeds: [embed] }));
};
