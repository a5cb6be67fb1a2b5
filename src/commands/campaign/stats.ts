import { type APIEmbed, AttachmentBuilder } from 'discord.js';
import { CAMPAIGN_COLOUR, DEFAULT_THRESHOLDS, HASHTAG } from '../../campaign.js';
import { renderCampaignChart } from '../../charts/campaignChart.js';
import { getGuildSettings, thresholdsOf } from '../../db/guildSettings.js';
import { signatureSeries } from '../../db/signatureSeries.js';
import { CITY_MINIMUM, campaignStats } from '../../db/stats.js';
import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import { languageOf } from '../../i18n/index.js';
import { shown } from '../../text/sanitize.js';
import type { SubcommandHandler } from '../declaration/define.js';
import type { NoOptions } from '../declaration/spec.js';
import { utcDate } from '../gig/input.js';

const PICTURE = 'campaign.png';

/** Public: totals, growth, where signers are (groups of 5 or more only) and the chart of signatures over time. */
export const stats: SubcommandHandler<NoOptions> = async (interaction, _options, ctx, t) => {
	const guildId = requireGuildId(interaction, t);
	const now = ctx.now();
	const language = languageOf(interaction.locale);
	const number = t.common.number;
	const [figures, series, settings] = await Promise.all([
		campaignStats(ctx.db, guildId, now, utcDate(now)),
		signatureSeries(ctx.db, now),
		getGuildSettings(ctx.db, guildId),
	]);
	const share = figures.total === 0 ? 0 : figures.publicCount / figures.total;
	const cities = figures.topCities.map((c) => `${shown(c.city)} — ${number(c.signers)}`).join('\n');
	const embed: APIEmbed = {
		color: CAMPAIGN_COLOUR,
		title: t.campaign.statsTitle,
		fields: [
			{ name: t.campaign.total, value: number(figures.total), inline: true },
			{ name: t.campaign.lastWeek, value: number(figures.lastWeek), inline: true },
			{ name: t.campaign.lastMonth, value: number(figures.lastMonth), inline: true },
			{ name: t.campaign.servers, value: number(figures.servers), inline: true },
			{ name: t.campaign.publicShare, value: t.common.percent(share), inline: true },
			{ name: t.campaign.upcomingGigs, value: number(figures.upcomingGigs), inline: true },
			{ name: t.campaign.topCities(CITY_MINIMUM), value: cities || t.campaign.noCityYet(CITY_MINIMUM) },
		],
		image: { url: `attachment://${PICTURE}` },
		footer: { text: `${HASHTAG} · ${t.campaign.howToSign}` },
	};
	const png = await renderCampaignChart({
		points: series.points,
		now,
		thresholds: settings?.milestoneThresholds ? thresholdsOf(settings) : DEFAULT_THRESHOLDS,
		total: figures.total,
		language,
		t,
	});
	await respond(interaction, { embeds: [embed], files: [new AttachmentBuilder(png, { name: PICTURE })] }, 'public');
};
