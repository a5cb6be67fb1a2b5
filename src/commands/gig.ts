import {
	ActionRowBuilder,
	type APIEmbed,
	ButtonBuilder,
	ButtonStyle,
	ComponentType,
	EmbedBuilder,
	type Message,
	ModalBuilder,
	TextInputBuilder,
	TextInputStyle,
	TimestampStyles,
	time,
	userMention,
} from 'discord.js';
import { z } from 'zod';
import { CAMPAIGN_COLOUR, type ConnectionKind } from '../campaign.js';
import {
	confirmedUpcoming,
	flagGig,
	type GigFlag,
	getFlag,
	pendingFlags,
	reviewFlag,
	setQueueMessage,
} from '../db/gigs.js';
import { getGuildSettings } from '../db/guildSettings.js';
import { reporterPseudonym } from '../db/pseudonym.js';
import type { Catalogue } from '../i18n/index.js';
import type { BotContext } from '../interactions/context.js';
import { encodeCustomId, parseCustomId } from '../interactions/customId.js';
import {
	type CommandHandler,
	type ComponentHandler,
	type ComponentInteraction,
	requireGuildId,
} from '../interactions/handlers.js';
import { editChannelMessage, ephemeral, NO_PINGS, postToChannel } from '../interactions/messages.js';
import { pageSchema, parseOptions, readOptions } from '../interactions/options.js';
import { requireModerator } from '../interactions/permissions.js';
import { cleanText, clip, fitLines, shown } from '../interactions/sanitize.js';
import { UserError } from '../interactions/userError.js';
import { LIMITS } from './definitions.js';
import { eventKey, gigFlagSchema, linkKey, utcDate } from './gigInput.js';
import { pageButtons } from './pledge.js';

export const REVIEW_PAGE_SIZE = 4; // one embed and one button row per flag, plus the page row: 5 rows at most
export const LIST_PAGE_SIZE = 5;
/** Discord's limits on embeds: a field value, and all embeds of one message together. */
const FIELD_MAX = 1024;
const EMBEDS_MAX = 6000;

type FlagWithCount = GigFlag & { _count?: { reports: number } };

/** Noon UTC of the gig's date: shown as a Discord timestamp, it stays on that date in nearly every time zone. */
function gigDay(date: string): Date {
	return new Date(`${date}T12:00:00Z`);
}

function safeLink(link: string): string {
	return link.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** The flag as moderators see it; with the outcome once reviewed. */
export function flagEmbed(t: Catalogue, flag: FlagWithCount, title = shown(flag.event)): APIEmbed {
	const embed = new EmbedBuilder()
		.setColor(flag.status === 'confirmed' ? 0x2ecc71 : flag.status === 'rejected' ? 0x747f8d : CAMPAIGN_COLOUR)
		.setTitle(clip(title, 256))
		.addFields(
			{ name: t.gig.fields.venue, value: shown(flag.venue), inline: true },
			{ name: t.gig.fields.date, value: time(gigDay(flag.date), TimestampStyles.LongDate), inline: true },
			{
				name: t.gig.fields.connection,
				value: t.gig.connections[flag.connection as ConnectionKind] ?? flag.connection,
				inline: true,
			},
			{ name: t.gig.fields.link, value: clip(safeLink(flag.link), FIELD_MAX) },
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
function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
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

function reviewButtons(t: Catalogue, flagId: number, disabled = false) {
	return new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder()
			.setCustomId(encodeCustomId({ kind: 'gig-confirm', flagId }))
			.setLabel(`${t.gig.confirm} #${flagId}`)
			.setStyle(ButtonStyle.Success)
			.setDisabled(disabled),
		new ButtonBuilder()
			.setCustomId(encodeCustomId({ kind: 'gig-reject', flagId }))
			.setLabel(`${t.gig.reject} #${flagId}`)
			.setStyle(ButtonStyle.Danger)
			.setDisabled(disabled),
	);
}

export const executeGig: CommandHandler = async (interaction, ctx, t) => {
	const { subcommand, values } = readOptions(interaction);
	const guildId = requireGuildId(interaction, t);
	switch (subcommand) {
		case 'flag':
			return flag(interaction, ctx, t, guildId, values);
		case 'list': {
			const { page } = parseOptions(z.object({ page: pageSchema }), values, t);
			await interaction.reply({ ...(await listMessage(ctx, t, guildId, page ?? 1)), allowedMentions: NO_PINGS });
			return;
		}
		case 'review': {
			const settings = await getGuildSettings(ctx.db, guildId);
			requireModerator(interaction, settings?.moderatorRoleId, t);
			await interaction.reply(ephemeral(await reviewMessage(ctx, t, guildId, 1)));
			return;
		}
		default:
			throw new UserError(t.errors.unknownCommand);
	}
};

async function flag(
	interaction: Parameters<CommandHandler>[0],
	ctx: BotContext,
	t: Catalogue,
	guildId: string,
	values: Record<string, unknown>,
) {
	const now = ctx.now();
	const input = parseOptions(gigFlagSchema(t, utcDate(now)), values, t);
	const outcome = await flagGig(
		ctx.db,
		{ guildId, ...input, details: input.details, linkKey: linkKey(input.link), eventKey: eventKey(input.event) },
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
		await interaction.reply(
			ephemeral({ content: `**${t.gig.duplicateTitle}**\n${body}`, embeds: [flagEmbed(t, view)] }),
		);
		return;
	}
	ctx.log.info({ guildId, flagId: outcome.flag.id }, 'gig flagged');
	await interaction.reply(
		ephemeral({ content: `**${t.gig.flaggedTitle}**\n${t.gig.flaggedBody}`, embeds: [flagEmbed(t, view)] }),
	);
	await postToQueue(interaction.client.rest, ctx, t, view);
}

/** Tells the moderators: the new flag in the moderation channel, with Confirm / Reject. Best effort. */
async function postToQueue(
	rest: Parameters<typeof postToChannel>[0],
	ctx: BotContext,
	t: Catalogue,
	flag: FlagWithCount,
) {
	const settings = await getGuildSettings(ctx.db, flag.guildId);
	if (!settings?.moderationChannelId) return; // without a channel, flags wait in /gig review
	try {
		const message = await postToChannel(rest, settings.moderationChannelId, {
			embeds: [flagEmbed(t, flag, t.gig.queueTitle(shown(flag.event)))],
			components: [reviewButtons(t, flag.id).toJSON()],
		});
		await setQueueMessage(ctx.db, flag.id, settings.moderationChannelId, message.id);
	} catch (error) {
		ctx.log.warn(
			{ err: error, guildId: flag.guildId, flagId: flag.id },
			'could not post the flag to the moderation channel',
		);
	}
}

async function listMessage(ctx: BotContext, t: Catalogue, guildId: string, page: number) {
	const result = await confirmedUpcoming(ctx.db, guildId, utcDate(ctx.now()), page, LIST_PAGE_SIZE);
	// Names are shortened only when the page would not fit Discord's 4096 characters, before the evidence link is.
	const lines = (nameMax = Number.POSITIVE_INFINITY) =>
		result.items.map(
			(g) =>
				`**${shown(clip(g.event, nameMax))}** — ${shown(clip(g.venue, nameMax))}\n${time(gigDay(g.date), TimestampStyles.LongDate)} · ${
					t.gig.connections[g.connection as ConnectionKind] ?? g.connection
				} · [${t.gig.evidence}](${safeLink(g.link)})`,
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

async function reviewMessage(ctx: BotContext, t: Catalogue, guildId: string, page: number) {
	const result = await pendingFlags(ctx.db, guildId, page, REVIEW_PAGE_SIZE);
	if (result.items.length === 0) return { content: t.gig.reviewEmpty, embeds: [], components: [] };
	return {
		content: `**${t.gig.reviewTitle}** (${result.count}) · ${t.common.pageOf(result.page, result.pageCount)}`,
		embeds: fitEmbeds(result.items.map((f) => flagEmbed(t, f))),
		components: [
			...result.items.map((f) => reviewButtons(t, f.id)),
			...pageButtons(t, result.page, result.pageCount, (p) => encodeCustomId({ kind: 'review', page: p })),
		],
	};
}

export const turnGigListPage: ComponentHandler<'gigs'> = async (interaction, id, ctx, t) => {
	const guildId = requireGuildId(interaction, t);
	if (!interaction.isButton()) throw new UserError(t.errors.expiredButton);
	await interaction.update({ ...(await listMessage(ctx, t, guildId, id.page)), allowedMentions: NO_PINGS });
};

export const turnReviewPage: ComponentHandler<'review'> = async (interaction, id, ctx, t) => {
	const guildId = requireGuildId(interaction, t);
	const settings = await getGuildSettings(ctx.db, guildId);
	requireModerator(interaction, settings?.moderatorRoleId, t);
	if (!interaction.isButton()) throw new UserError(t.errors.expiredButton);
	await interaction.update({ ...(await reviewMessage(ctx, t, guildId, id.page)), allowedMentions: NO_PINGS });
};

/** Checks the clicker is a moderator and the flag exists and is still pending (else says who reviewed it). */
async function pendingFlagFor(interaction: ComponentInteraction, flagId: number, ctx: BotContext, t: Catalogue) {
	const guildId = requireGuildId(interaction, t);
	const settings = await getGuildSettings(ctx.db, guildId);
	requireModerator(interaction, settings?.moderatorRoleId, t);
	const flag = await getFlag(ctx.db, guildId, flagId);
	if (!flag) throw new UserError(t.gig.unknownFlag);
	if (flag.status !== 'pending') throw new UserError(alreadyReviewed(t, flag));
	return { guildId, flag };
}

function alreadyReviewed(t: Catalogue, flag: GigFlag): string {
	return t.gig.alreadyReviewed(
		t.gig.status[flag.status] ?? flag.status,
		userMention(flag.reviewedBy ?? '0'),
		time(flag.reviewedAt ?? new Date(0), TimestampStyles.RelativeTime),
	);
}

export const confirmFlag: ComponentHandler<'gig-confirm'> = async (interaction, id, ctx, t) => {
	const { guildId } = await pendingFlagFor(interaction, id.flagId, ctx, t);
	await finishReview(interaction, ctx, t, { guildId, flagId: id.flagId, outcome: 'confirmed' });
};

export const askRejectReason: ComponentHandler<'gig-reject'> = async (interaction, id, ctx, t) => {
	await pendingFlagFor(interaction, id.flagId, ctx, t);
	if (!interaction.isButton()) throw new UserError(t.errors.expiredButton);
	const modal = new ModalBuilder()
		.setCustomId(encodeCustomId({ kind: 'gig-reject-reason', flagId: id.flagId }))
		.setTitle(t.gig.rejectModalTitle)
		.addComponents(
			new ActionRowBuilder<TextInputBuilder>().addComponents(
				new TextInputBuilder()
					.setCustomId('reason')
					.setLabel(t.gig.rejectReasonLabel)
					.setStyle(TextInputStyle.Paragraph)
					.setRequired(true)
					.setMinLength(1)
					.setMaxLength(LIMITS.rejectReason),
			),
		);
	await interaction.showModal(modal);
};

const reasonSchema = z.string().transform(cleanText).pipe(z.string().min(1).max(LIMITS.rejectReason));

export const rejectFlag: ComponentHandler<'gig-reject-reason'> = async (interaction, id, ctx, t) => {
	if (!interaction.isModalSubmit()) throw new UserError(t.errors.expiredButton);
	const guildId = requireGuildId(interaction, t);
	const settings = await getGuildSettings(ctx.db, guildId);
	requireModerator(interaction, settings?.moderatorRoleId, t);
	const raw = interaction.fields.fields.find((f) => f.customId === 'reason');
	const reason = reasonSchema.safeParse(raw && 'value' in raw ? raw.value : undefined);
	if (!reason.success) throw new UserError(t.errors.invalidOption('reason', t.gig.expected.reason));
	await finishReview(interaction, ctx, t, { guildId, flagId: id.flagId, outcome: 'rejected', reason: reason.data });
};

async function finishReview(
	interaction: ComponentInteraction,
	ctx: BotContext,
	t: Catalogue,
	review: { guildId: string; flagId: number; outcome: 'confirmed' | 'rejected'; reason?: string },
) {
	const { won, flag } = await reviewFlag(ctx.db, { ...review, moderatorId: interaction.user.id, at: ctx.now() });
	if (!flag) throw new UserError(t.gig.unknownFlag);
	if (!won) throw new UserError(alreadyReviewed(t, flag));
	ctx.log.info({ guildId: review.guildId, flagId: flag.id, outcome: review.outcome }, 'gig flag reviewed');
	const clicked = interaction.message;
	const updatable = interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage());
	if (clicked && updatable) {
		await interaction.update({ ...withOutcome(clicked, t, flag), allowedMentions: NO_PINGS });
	} else {
		await interaction.reply(ephemeral({ content: t.gig.reviewDone(t.gig.status[flag.status] ?? flag.status) }));
	}
	// The queue post in the moderation channel shows the outcome too, wherever the click came from.
	if (flag.queueChannelId && flag.queueMessageId && flag.queueMessageId !== clicked?.id) {
		await editChannelMessage(interaction.client.rest, flag.queueChannelId, flag.queueMessageId, {
			embeds: [flagEmbed(t, flag, t.gig.queueTitle(shown(flag.event)))],
			components: [reviewButtons(t, flag.id, true).toJSON()],
		}).catch((error: unknown) =>
			ctx.log.warn({ err: error, flagId: flag.id }, 'could not update the queue message with the outcome'),
		);
	}
}

/**
 * The clicked message (queue post or review page) with this flag's embed showing the outcome and its
 * buttons disabled; the other flags on a review page stay as they were.
 */
function withOutcome(message: Message, t: Catalogue, flag: FlagWithCount) {
	const footer = t.gig.flagFooter(flag.id);
	const embeds = fitEmbeds(
		message.embeds.map((e) =>
			e.footer?.text === footer ? flagEmbed(t, flag, e.title ?? shown(flag.event)) : e.toJSON(),
		),
	);
	const components = message.components.map((row) => {
		const json = row.toJSON();
		if (json.type !== ComponentType.ActionRow) return json;
		return {
			...json,
			components: json.components.map((c) => {
				if (c.type !== ComponentType.Button || !('custom_id' in c)) return c;
				const parsed = parseCustomId(c.custom_id);
				return parsed && 'flagId' in parsed && parsed.flagId === flag.id ? { ...c, disabled: true } : c;
			}),
		};
	});
	return { embeds, components };
}
