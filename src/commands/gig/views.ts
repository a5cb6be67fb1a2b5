import {
	ActionRowBuilder,
	type APIEmbed,
	ButtonBuilder,
	ButtonStyle,
	EmbedBuilder,
	TimestampStyles,
	time,
	userMention,
} from 'discord.js';
import { CAMPAIGN_COLOUR, type ConnectionKind } from '../../campaign.js';
import type { GigFlag } from '../../db/gigs.js';
import { type CustomId, encodeCustomId } from '../../discord/customId.js';
import type { Catalogue } from '../../i18n/index.js';
import { linkWithHost } from '../../text/links.js';
import { clip, shown } from '../../text/sanitize.js';

/** Discord's limits on embeds: a field value, and all embeds of one message together. */
const FIELD_MAX = 1024;
const EMBEDS_MAX = 6000;

export type FlagWithCount = GigFlag & { _count?: { reports: number } };

/** Noon UTC of the gig's date: shown as a Discord timestamp, it stays on that date in nearly every time zone. */
export function gigDay(date: string): Date {
	return new Date(`${date}T12:00:00Z`);
}

export function connectionLabel(t: Catalogue, connection: string): string {
	return t.gig.connections[connection as ConnectionKind] ?? connection;
}

/** The flag as moderators see it; with the outcome once reviewed. */
export function flagEmbed(t: Catalogue, flag: FlagWithCount, title = shown(flag.event)): APIEmbed {
	const embed = new EmbedBuilder()
		.setColor(flag.status === 'confirmed' ? 0x2ecc71 : flag.status === 'rejected' ? 0x747f8d : CAMPAIGN_COLOUR)
		.setTitle(clip(title, 256))
		.addFields(
			{ name: t.gig.fields.venue, value: shown(flag.venue), inline: true },
			{ name: t.gig.fields.date, value: time(gigDay(flag.date), TimestampStyles.LongDate), inline: true },
			{ name: t.gig.fields.connection, value: connectionLabel(t, flag.connection), inline: true },
			{ name: t.gig.fields.link, value: clip(linkWithHost(flag.link), FIELD_MAX) },
		)
		.setFooter({ text: t.gig.flagFooter(flag.id) });
	if (flag.details) embed.addFields({ name: t.gig.fields.details, value: clip(shown(flag.details), FIELD_MAX) });
	if (flag._count) embed.addFields({ name: t.gig.fields.reports, value: String(flag._count.reports), inline: true });
	if (flag.status !== 'pending' && flag.reviewedBy && flag.reviewedAt) {
		embed.addFields({ name: t.gig.fields.outcome, value: outcomeLine(t, flag) });
		if (flag.reason) embed.addFields({ name: t.gig.fields.reason, value: shown(flag.reason) });
	}
	return embed.toJSON();
}

/** Several flag embeds in one message: the longest field values are shortened until all fit Discord's 6000. */
export function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
	const copies = embeds.map((e) => ({ ...e, fields: e.fields?.map((f) => ({ ...f })) }));
	const size = () =>
		copies.reduce(
			(n, e) =>
				n +
				(e.title?.length ?? 0) +
				(e.description?.length ?? 0) +
				(e.footer?.text.length ?? 0) +
				(e.author?.name.length ?? 0) +
				(e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
			0,
		);
	for (let over = size() - EMBEDS_MAX; over > 0; over = size() - EMBEDS_MAX) {
		const longest = copies.flatMap((e) => e.fields ?? []).sort((a, b) => b.value.length - a.value.length)[0];
		if (!longest || longest.value.length <= 100) break;
		longest.value = clip(longest.value, Math.max(100, longest.value.length - over));
	}
	return copies.map(({ fields, ...e }) => (fields ? { ...e, fields } : e));
}

function outcomeLine(t: Catalogue, flag: GigFlag): string {
	const who = userMention(flag.reviewedBy ?? '0');
	const when = time(flag.reviewedAt ?? new Date(0), TimestampStyles.RelativeTime);
	return flag.status === 'confirmed' ? t.gig.confirmedBy(who, when) : t.gig.rejectedBy(who, when);
}

/** "Already confirmed by @mod 3 minutes ago": the answer to a second review. */
export function alreadyReviewed(t: Catalogue, flag: GigFlag): string {
	return t.gig.alreadyReviewed(
		t.gig.status[flag.status] ?? flag.status,
		userMention(flag.reviewedBy ?? '0'),
		time(flag.reviewedAt ?? new Date(0), TimestampStyles.RelativeTime),
	);
}

/** Where review buttons sit: a flag's card in the moderation channel, or a page of /gig review. */
export type ReviewPlace = { card: true } | { page: number };

export function reviewButtons(t: Catalogue, flagId: number, place: ReviewPlace) {
	const id = (action: 'confirm' | 'reject'): CustomId =>
		'page' in place
			? { kind: action === 'confirm' ? 'review-confirm' : 'review-reject', flagId, page: place.page }
			: { kind: action === 'confirm' ? 'gig-confirm' : 'gig-reject', flagId };
	return new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder()
			.setCustomId(encodeCustomId(id('confirm')))
			.setLabel(`${t.gig.confirm} #${flagId}`)
			.setStyle(ButtonStyle.Success),
		new ButtonBuilder()
			.setCustomId(encodeCustomId(id('reject')))
			.setLabel(`${t.gig.reject} #${flagId}`)
			.setStyle(ButtonStyle.Danger),
	);
}

/**
 * A flag's card in the moderation channel, built from the stored flag: Confirm / Reject while it is pending, the
 * outcome and no buttons once reviewed.
 */
export function queueCard(t: Catalogue, flag: FlagWithCount) {
	return {
		embeds: [flagEmbed(t, flag, t.gig.queueTitle(shown(flag.event)))],
		components: flag.status === 'pending' ? [reviewButtons(t, flag.id, { card: true }).toJSON()] : [],
	};
}
