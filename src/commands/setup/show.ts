import { EmbedBuilder } from 'discord.js';
import { CAMPAIGN_COLOUR } from '../../campaign.js';
import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import type { SubcommandHandler } from '../declaration/define.js';
import type { NoOptions } from '../declaration/spec.js';
import { checklistFields, setupChecklist } from './checklist.js';

/** The server's settings, privately: which are set, which are defaults, what the bot is missing, what changes each. */
export const show: SubcommandHandler<NoOptions> = async (interaction, _options, ctx, t) => {
	const guildId = requireGuildId(interaction, t);
	const items = await setupChecklist(interaction, ctx, t, guildId, true);
	const embed = new EmbedBuilder()
		.setColor(CAMPAIGN_COLOUR)
		.setTitle(t.setup.showTitle)
		.setDescription(t.setup.showIntro)
		.addFields(checklistFields(t, items));
	await respond(interaction, { embeds: [embed] }, 'ephemeral');
};
