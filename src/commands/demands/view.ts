import { type APIEmbed, EmbedBuilder } from 'discord.js';
import { CAMPAIGN_COLOUR, HASHTAG } from '../../campaign.js';
import type { Catalogue } from '../../i18n/index.js';

function demandsEmbed(t: Catalogue): APIEmbed {
	return new EmbedBuilder()
		.setColor(CAMPAIGN_COLOUR)
		.setTitle(t.demands.title)
		.setDescription(`${t.demands.pledge}\n\n-# ${t.demands.partnerships}`)
		.addFields(t.demands.list.map((text, i) => ({ name: t.demands.demandTitle(i + 1), value: text })))
		.setFooter({ text: `${HASHTAG} · ${t.demands.organiser}` })
		.toJSON();
}

/** The demands never change while the bot runs: built (and validated) once per catalogue, then reused. */
const built = new Map<Catalogue, APIEmbed>();

export function demandsView(t: Catalogue): APIEmbed {
	let embed = built.get(t);
	if (!embed) {
		embed = demandsEmbed(t);
		built.set(t, embed);
	}
	return embed;
}
