import {
	ActionRowBuilder,
	type ChatInputCommandInteraction,
	ModalBuilder,
	TextInputBuilder,
	TextInputStyle,
} from 'discord.js';
import { z } from 'zod';
import type { BotContext } from '../../context.js';
import { getFlag, pendingFlags, reviewFlag } from '../../db/gigs.js';
import { type GuildSettings, getGuildSettings } from '../../db/guildSettings.js';
import { encodeCustomId } from '../../discord/customId.js';
import { requireGuildId } from '../../discord/guild.js';
import { NO_PINGS, respond } from '../../discord/messages.js';
import { pageButtons } from '../../discord/paging.js';
import { requireModerator } from '../../discord/permissions.js';
import { UserError } from '../../discord/userError.js';
import { type Catalogue, serverCatalogue } from '../../i18n/index.js';
import { cleanText } from '../../text/sanitize.js';
import type { ComponentHandler, ComponentInteraction } from '../declaration/components.js';
import type { SubcommandHandler } from '../declaration/define.js';
import type { NoOptions } from '../declaration/spec.js';
import { announceConfirmed } from './alerts.js';
import { REJECT_REASON_MAX } from './definition.js';
import { refreshQueueCard } from './queue.js';
import { alreadyReviewed, fitEmbeds, flagEmbed, queueCard, type ReviewPlace, reviewButtons } from './views.js';

export const REVIEW_PAGE_SIZE = 4; // one embed and one button row per flag, plus the page row: 5 rows at most

/** A page of pending flags with Confirm / Reject, built from the database; `done` says what was just reviewed. */
async function reviewMessage(ctx: BotContext, t: Catalogue, guildId: string, page: number, done?: string) {
	const result = await pendingFlags(ctx.db, guildId, page, REVIEW_PAGE_SIZE);
	const lead = done ? `${done}\n` : '';
	if (result.items.length === 0) return { content: `${lead}${t.gig.reviewEmpty}`, embeds: [], components: [] };
	return {
		content: `${lead}**${t.gig.reviewTitle}** (${result.count}) · ${t.common.pageOf(result.page, result.pageCount)}`,
		embeds: fitEmbeds(result.items.map((f) => flagEmbed(t, f))),
		components: [
			...result.items.map((f) => reviewButtons(t, f.id, { page: result.page })),
			...pageButtons(t, result.page, result.pageCount, (p) => encodeCustomId({ kind: 'review', page: p })),
		],
	};
}

async function requireModeratorHere(
	interaction: ComponentInteraction | ChatInputCommandInteraction,
	ctx: BotContext,
	t: Catalogue,
) {
	const guildId = requireGuildId(interaction, t);
	const settings = await getGuildSettings(ctx.db, guildId);
	requireModerator(interaction, settings?.moderatorRoleId, t);
	return { guildId, settings };
}

/** Moderators: the pending flags, privately. */
export const review: SubcommandHandler<NoOptions> = async (interaction, _options, ctx, t) => {
	const { guildId } = await requireModeratorHere(interaction, ctx, t);
	await respond(interaction, await reviewMessage(ctx, t, guildId, 1), 'ephemeral');
};

export const turnReviewPage: ComponentHandler<'review'> = async (interaction, id, ctx, t) => {
	const { guildId } = await requireModeratorHere(interaction, ctx, t);
	if (!interaction.isButton()) throw new UserError(t.errors.expiredButton);
	await interaction.update({ ...(await reviewMessage(ctx, t, guildId, id.page)), allowedMentions: NO_PINGS });
};

/** The clicker is a moderator and the flag exists and is still pending (else: who reviewed it). */
async function pendingFlagFor(interaction: ComponentInteraction, flagId: number, ctx: BotContext, t: Catalogue) {
	const here = await requireModeratorHere(interaction, ctx, t);
	const flag = await getFlag(ctx.db, here.guildId, flagId);
	if (!flag) throw new UserError(t.gig.unknownFlag);
	if (flag.status !== 'pending') throw new UserError(alreadyReviewed(t, flag));
	return here;
}

const placeOf = (id: { flagId: number } | { flagId: number; page: number }): ReviewPlace =>
	'page' in id ? { page: id.page } : { card: true };

export const confirmFlag: ComponentHandler<'gig-confirm' | 'review-confirm'> = async (interaction, id, ctx, t) => {
	const { guildId, settings } = await pendingFlagFor(interaction, id.flagId, ctx, t);
	await finishReview(interaction, ctx, t, placeOf(id), settings, { guildId, flagId: id.flagId, outcome: 'confirmed' });
};

export const askRejectReason: ComponentHandler<'gig-reject' | 'review-reject'> = async (interaction, id, ctx, t) => {
	await pendingFlagFor(interaction, id.flagId, ctx, t);
	if (!interaction.isButton()) throw new UserError(t.errors.expiredButton);
	const modalId =
		'page' in id
			? encodeCustomId({ kind: 'review-reject-reason', flagId: id.flagId, page: id.page })
			: encodeCustomId({ kind: 'gig-reject-reason', flagId: id.flagId });
	const modal = new ModalBuilder()
		.setCustomId(modalId)
		.setTitle(t.gig.rejectModalTitle)
		.addComponents(
			new ActionRowBuilder<TextInputBuilder>().addComponents(
				new TextInputBuilder()
					.setCustomId('reason')
					.setLabel(t.gig.rejectReasonLabel)
					.setStyle(TextInputStyle.Paragraph)
					.setRequired(true)
					.setMinLength(1)
					.setMaxLength(REJECT_REASON_MAX),
			),
		);
	await interaction.showModal(modal);
};

const reasonSchema = z.string().transform(cleanText).pipe(z.string().min(1).max(REJECT_REASON_MAX));

export const rejectFlag: ComponentHandler<'gig-reject-reason' | 'review-reject-reason'> = async (
	interaction,
	id,
	ctx,
	t,
) => {
	if (!interaction.isModalSubmit()) throw new UserError(t.errors.expiredButton);
	const { guildId, settings } = await requireModeratorHere(interaction, ctx, t);
	const raw = interaction.fields.fields.find((f) => f.customId === 'reason');
	const reason = reasonSchema.safeParse(raw && 'value' in raw ? raw.value : undefined);
	if (!reason.success) throw new UserError(t.errors.invalidOption(t.gig.rejectReasonLabel, t.gig.expected.reason));
	await finishReview(interaction, ctx, t, placeOf(id), settings, {
		guildId,
		flagId: id.flagId,
		outcome: 'rejected',
		reason: reason.data,
	});
};

/**
 * Records the review, then shows it where the click came from — the card with its outcome, or the review page
 * again from the database — and on the flag's card in the moderation channel, wherever the click came from.
 */
async function finishReview(
	interaction: ComponentInteraction,
	ctx: BotContext,
	t: Catalogue,
	place: ReviewPlace,
	settings: GuildSettings | null,
	review: { guildId: string; flagId: number; outcome: 'confirmed' | 'rejected'; reason?: string },
) {
	const { won, flag } = await reviewFlag(ctx.db, { ...review, moderatorId: interaction.user.id, at: ctx.now() });
	if (!flag) throw new UserError(t.gig.unknownFlag);
	if (!won) throw new UserError(alreadyReviewed(t, flag));
	ctx.log.info({ guildId: review.guildId, flagId: flag.id, outcome: review.outcome }, 'gig flag reviewed');
	// The card and the alert are public posts: in the server's language, whoever clicked.
	const postsT = serverCatalogue(settings?.language, interaction.guildLocale);
	const done = t.gig.reviewDone(flag.id, t.gig.status[flag.status] ?? flag.status);
	const updatable = interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage());
	if (!updatable) {
		await respond(interaction, { content: done }, 'ephemeral');
	} else if ('page' in place) {
		const page = await reviewMessage(ctx, t, review.guildId, place.page, done);
		await interaction.update({ ...page, allowedMentions: NO_PINGS });
	} else {
		await interaction.update({ ...queueCard(postsT, flag), allowedMentions: NO_PINGS });
	}
	if (flag.queueMessageId && flag.queueMessageId !== interaction.message?.id) {
		await refreshQueueCard(interaction.client.rest, ctx, postsT, review.guildId, flag.id);
	}
	await announceConfirmed(interaction.client.rest, ctx, flag, settings, postsT);
}
