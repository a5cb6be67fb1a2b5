import { EmbedBuilder, TimestampStyles, time } from 'discord.js';
import { CAMPAIGN_COLOUR } from '../../campaign.js';
import type { BotContext } from '../../context.js';
import { confirmedUpcoming } from '../../db/gigs.js';
import { encodeCustomId } from '../../discord/customId.js';
import { requireGuildId } from '../../discord/guild.js';
import { NO_PINGS, respond } from '../../discord/messages.js';
import { pageButtons } from '../../discord/paging.js';
import { UserError } from '../../discord/userError.js';
import type { Catalogue } from '../../i18n/index.js';
import { maskedLinkWithHost } from '../../text/links.js';
import { clip, fitLines, shown } from '../../text/sanitize.js';
import type { ComponentHandler } from '../declaration/components.js';
import type { SubcommandHandler } from '../declaration/define.js';
import type { gigSpec } from './definition.js';
import { utcDate } from './input.js';
import { connectionLabel, gigDay } from './views.js';

export const LIST_PAGE_SIZE = 5;

async function listMessage(ctx: BotContext, t: Catalogue, guildId: string, page: number) {
	const result = await confirmedUpcoming(ctx.db, guildId, utcDate(ctx.now()), page, LIST_PAGE_SIZE);
	// Names are shortened only when the page would not fit Discord's 4096 characters, before the evidence link is.
	const lines = (nameMax = Number.POSITIVE_INFINITY) =>
		result.items.map(
			(g) =>
				`**${shown(clip(g.event, nameMax))}** — ${shown(clip(g.venue, nameMax))}\n${time(gigDay(g.date), TimestampStyles.LongDate)} · ${connectionLabel(
					t,
					g.connection,
				)} · ${maskedLinkWithHost(t.gig.evidence, g.link)}`,
		);
	let description = lines().join('\n\n');
	if (description.length > 4096) description = fitLines(lines(60), '\n\n');
	const embed = new EmbedBuilder()
		.setColor(CAMPAIGN_COLOUR)
		.setTitle(t.gig.listTitle)
		.setDescription(description || t.gig.listEmpty)
		.setFooter({ text: t.common.pageOf(result.page, result.pageCount) });
	return {
		embeds: [embed],
		components: pageButtons(t, result.page, result.pageCount, (p) => encodeCustomId({ kind: 'gigs', page: p })),
	};
}

/** Public: this server's confirmed upcoming gigs, soonest first. */
export const list: SubcommandHandler<(typeof gigSpec)['subcommands']['list']['options']> = async (
	interaction,
	options,
	ctx,
	t,
) => {
	const guildId = requireGuildId(interaction, t);
	await respond(interaction, await listMessage(ctx, t, guildId, options.page ?? 1), 'public');
};

export const turnGigListPage: ComponentHandler<'gigs'> = async (interaction, id, ctx, t) => {
	const guildId = requireGuildId(interaction, t);
	if (!interaction.isButton()) throw new UserError(t.errors.expiredButton);
	await interaction.update({ ...(await listMessage(ctx, t, guildId, id.page)), allowedMentions: NO_PINGS });
};
