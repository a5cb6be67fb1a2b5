import { type APIEmbed, EmbedBuilder } from 'discord.js';
import { CAMPAIGN_COLOUR, HASHTAG } from '../campaign.js';
import type { Catalogue } from '../i18n/index.js';
import type { CommandHandler } from '../interactions/handlers.js';
import { NO_PINGS } from '../interactions/messages.js';

export function demandsEmbed(t: Catalogue): EmbedBuilder {
	return new EmbedBuilder()
		.setColor(CAMPAIGN_COLOUR)
		.setTitle(t.demands.title)
		.setDescription(`${t.demands.pledge}\n\n-# ${t.demands.partnerships}`)
		.addFields(t.demands.list.map((text, i) => ({ name: t.demands.demandTitle(i + 1), value: text })))
		.setFooter({ text: `${HASHTAG} · ${t.demands.organiser}` });
}

/** The demands never change while the bot runs: built (and validated) once per catalogue, then reused. */
const built = new Map<Catalogue, APIEmbed>();

/** Public: the pledge and the four demands, for anyone to read and share. */
export const executeDemands: CommandHandler = async (interaction, _ctx, t) => {
	let embed = built.get(t);
	if (!embed) {
		embed = demandsEmbed(t).toJSON();
		built.set(t, embed);
	}
	await interaction.reply({ embeds: [embed], allowedMentions: NO_PINGS });
};
