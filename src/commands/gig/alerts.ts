// Gig alerts: a confirmed flag is announced in the server's alerts channel, in the server's language.
import type { REST } from '@discordjs/rest';
import { type APIEmbed, TimestampStyles, time } from 'discord.js';
import { CAMPAIGN_COLOUR, HASHTAG } from '../../campaign.js';
import type { BotContext } from '../../context.js';
import type { GigFlag } from '../../db/gigs.js';
import type { GuildSettings } from '../../db/guildSettings.js';
import { postToChannel } from '../../discord/messages.js';
import type { Catalogue } from '../../i18n/index.js';
import { linkHost } from '../../text/links.js';
import { clip, shown } from '../../text/sanitize.js';
import { connectionLabel, gigDay } from './views.js';

export function alertEmbed(t: Catalogue, flag: GigFlag): APIEmbed {
	return {
		color: CAMPAIGN_COLOUR,
		title: clip(t.gig.alertTitle(shown(flag.event)), 256),
		description: t.gig.alertBody,
		fields: [
			{ name: t.gig.fields.venue, value: shown(flag.venue), inline: true },
			{ name: t.gig.fields.date, value: time(gigDay(flag.date), TimestampStyles.LongDate), inline: true },
			{ name: t.gig.fields.connection, value: connectionLabel(t, flag.connection), inline: true },
			{ name: t.gig.fields.evidenceHost, value: linkHost(flag.link) || t.common.notGiven, inline: true },
		],
		footer: { text: HASHTAG },
	};
}

/** Announces a just-confirmed flag where the server wants alerts. Best effort: a failure is logged, not shown. */
export async function announceConfirmed(
	rest: REST,
	ctx: BotContext,
	flag: GigFlag,
	settings: Pick<GuildSettings, 'alertChannelId'> | null,
	t: Catalogue,
): Promise<void> {
	if (!settings?.alertChannelId || flag.status !== 'confirmed') return;
	try {
		await postToChannel(rest, settings.alertChannelId, { embeds: [alertEmbed(t, flag)] });
		ctx.log.info({ guildId: flag.guildId, flagId: flag.id }, 'gig alert posted');
	} catch (error) {
		ctx.log.warn({ err: error, guildId: flag.guildId, flagId: flag.id }, 'could not post the gig alert');
	}
}
