import { channelMention, EmbedBuilder, roleMention } from 'discord.js';
import { CAMPAIGN_COLOUR } from '../../campaign.js';
import { getGuildSettings, thresholdsOf } from '../../db/guildSettings.js';
import { requireGuildId } from '../../discord/guild.js';
import { ephemeral } from '../../discord/messages.js';
import type { SubcommandHandler } from '../declaration/define.js';
import type { NoOptions } from '../declaration/spec.js';

/** The server's settings, privately. */
export const show: SubcommandHandler<NoOptions> = async (interaction, _options, ctx, t) => {
	const guildId = requireGuildId(interaction, t);
	const settings = await getGuildSettings(ctx.db, guildId);
	const announcement = settings?.announcementChannelId
		? `${channelMention(settings.announcementChannelId)}${
				settings.announcementChannelError ? `\n${t.setup.channelProblem(settings.announcementChannelError)}` : ''
			}`
		: t.setup.notSet;
	const embed = new EmbedBuilder()
		.setColor(CAMPAIGN_COLOUR)
		.setTitle(t.setup.showTitle)
		.addFields(
			{ name: t.setup.announcementChannel, value: announcement },
			{ name: t.setup.milestones, value: thresholdsOf(settings).join(', ') },
			{
				name: t.setup.moderationChannel,
				value: settings?.moderationChannelId ? channelMention(settings.moderationChannelId) : t.setup.notSet,
				inline: true,
			},
			{
				name: t.setup.moderatorRole,
				value: settings?.moderatorRoleId ? roleMention(settings.moderatorRoleId) : t.setup.notSet,
				inline: true,
			},
		);
	await interaction.reply(ephemeral({ embeds: [embed] }));
};
