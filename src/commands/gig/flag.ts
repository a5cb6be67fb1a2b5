import { type ChatInputCommandInteraction, TimestampStyles, time } from 'discord.js';
import type { BotContext } from '../../context.js';
import { flagGig } from '../../db/gigs.js';
import { getGuildSettings } from '../../db/guildSettings.js';
import { reporterPseudonym } from '../../db/pseudonym.js';
import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import { UserError } from '../../discord/userError.js';
import { type Catalogue, serverCatalogue } from '../../i18n/index.js';
import { canonicalLink } from '../../text/links.js';
import type { ComponentInteraction } from '../declaration/components.js';
import type { SubcommandHandler } from '../declaration/define.js';
import type { OptionValues } from '../declaration/spec.js';
import type { gigSpec } from './definition.js';
import { eventKey, linkKey } from './input.js';
import { postToQueue, refreshQueueCard } from './queue.js';
import { flagEmbed } from './views.js';

export type FlagOptions = OptionValues<(typeof gigSpec)['subcommands']['flag']['options']>;

type Repliable = ChatInputCommandInteraction | ComponentInteraction;

/**
 * Records a flag (or a report on the same gig), answers the member, then tells the moderators. Shared by /gig flag
 * and the message menu's modal, so both keep the same rules.
 */
export async function fileFlag(interaction: Repliable, input: FlagOptions, ctx: BotContext, t: Catalogue) {
	const guildId = requireGuildId(interaction, t);
	const where = { guildId, guildLocale: interaction.guildLocale };
	const now = ctx.now();
	const link = canonicalLink(input.link) ?? input.link;
	const outcome = await flagGig(
		ctx.db,
		// The link as the URL parser reads it (punycode host, percent-encoded path): stored, shown and compared so.
		{ guildId, ...input, link, details: input.details, linkKey: linkKey(link), eventKey: eventKey(input.event) },
		reporterPseudonym(ctx.signerKey, interaction.user.id),
		now,
		ctx.gigFlagsPerHour,
	);
	if (outcome.kind === 'limited') {
		throw new UserError(t.gig.floodLimited(ctx.gigFlagsPerHour, time(outcome.freeAt, TimestampStyles.RelativeTime)));
	}
	const status = t.gig.status[outcome.flag.status] ?? outcome.flag.status;
	const view = { ...outcome.flag, _count: { reports: outcome.reports } };
	if (outcome.kind === 'duplicate') {
		ctx.log.info({ guildId, flagId: outcome.flag.id, added: !outcome.alreadyReported }, 'gig flag duplicate');
		const body = outcome.alreadyReported
			? t.gig.alreadyReportedBody(status, outcome.reports)
			: t.gig.duplicateBody(status, outcome.reports);
		await respond(
			interaction,
			{ content: `**${t.gig.duplicateTitle}**\n${body}`, embeds: [flagEmbed(t, view)] },
			'ephemeral',
		);
		if (!outcome.alreadyReported) {
			const settings = await getGuildSettings(ctx.db, guildId);
			const cardT = serverCatalogue(settings?.language, interaction.guildLocale);
			await refreshQueueCard(interaction.client.rest, ctx, cardT, guildId, outcome.flag.id);
		}
		return;
	}
	ctx.log.info({ guildId, flagId: outcome.flag.id }, 'gig flagged');
	await respond(
		interaction,
		{ content: `**${t.gig.flaggedTitle}**\n${t.gig.flaggedBody}`, embeds: [flagEmbed(t, view)] },
		'ephemeral',
	);
	await postToQueue(interaction.client.rest, ctx, where, outcome.flag.id);
}

export const flag: SubcommandHandler<(typeof gigSpec)['subcommands']['flag']['options']> = (
	interaction,
	options,
	ctx,
	t,
) => fileFlag(interaction, options, ctx, t);
