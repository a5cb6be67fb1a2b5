import {
	ActionRowBuilder,
	type APIEmbed,
	ButtonBuilder,
	ButtonStyle,
	type ChatInputCommandInteraction,
	EmbedBuilder,
	TimestampStyles,
	time,
} from 'discord.js';
import { z } from 'zod';
import { CAMPAIGN_COLOUR, HASHTAG, PER_SERVER_COUNT_MINIMUM } from '../campaign.js';
import type { Database } from '../db/client.js';
import { pseudonym } from '../db/pseudonym.js';
import {
	countSignatures,
	findSignature,
	listPublicSigners,
	signPledge,
	type Totals,
	totalSignatures,
	withdrawSignature,
} from '../db/signatures.js';
import type { Catalogue } from '../i18n/index.js';
import type { BotContext } from '../interactions/context.js';
import { encodeCustomId } from '../interactions/customId.js';
import { type CommandHandler, type ComponentHandler, requireGuildId } from '../interactions/handlers.js';
import { ephemeral, NO_PINGS } from '../interactions/messages.js';
import { pageSchema, parseOptions, readOptions } from '../interactions/options.js';
import { cleanText, fitLines, shown } from '../interactions/sanitize.js';
import { UserError } from '../interactions/userError.js';
import { LIMITS } from './definitions.js';

export const SIGNERS_PAGE_SIZE = 10;

/** Optional free text: cleaned, length-checked after cleaning, blank counts as not given. */
const optionalText = (max: number) =>
	z
		.string()
		.transform(cleanText)
		.pipe(z.string().max(max))
		.transform((v) => (v === '' ? undefined : v))
		.optional();

const signOptions = z.object({
	artist_name: optionalText(LIMITS.artistName),
	city: optionalText(LIMITS.city),
	public: z.boolean().optional(),
});

const signersOptions = z.object({ page: pageSchema });

export const executePledge: CommandHandler = async (interaction, ctx, t) => {
	const { subcommand, values } = readOptions(interaction);
	const guildId = requireGuildId(interaction, t);
	const signerKey = pseudonym(ctx.signerKey, interaction.user.id);
	switch (subcommand) {
		case 'sign':
			return sign(interaction, ctx, t, guildId, signerKey, parseOptions(signOptions, values, t));
		case 'withdraw':
			return withdraw(interaction, ctx, t, signerKey);
		case 'status':
			return status(interaction, ctx, t, guildId, signerKey);
		case 'signers': {
			const { page } = parseOptions(signersOptions, values, t);
			await interaction.reply({ ...(await signersMessage(ctx.db, t, page ?? 1)), allowedMentions: NO_PINGS });
			return;
		}
		default:
			throw new UserError(t.errors.unknownCommand);
	}
};

async function sign(
	interaction: ChatInputCommandInteraction,
	ctx: BotContext,
	t: Catalogue,
	guildId: string,
	signerKey: string,
	options: z.output<typeof signOptions>,
) {
	// A public signer is listed by name: without an artist name, the name they show on Discord is used.
	const artistName =
		options.artist_name ??
		(options.public ? cleanText(interaction.user.displayName).slice(0, LIMITS.artistName) : undefined);
	const { created, signature } = await signPledge(
		ctx.db,
		signerKey,
		guildId,
		{
			artistName,
			city: options.city,
			public: options.public,
		},
		ctx.now(),
	);
	const totals = await countSignatures(ctx.db, guildId);
	ctx.log.info({ guildId, created, public: signature.public }, created ? 'pledge signed' : 'pledge updated');
	// Hot path: a plain APIEmbed. EmbedBuilder validates every setter with shapeshift, whose nullable checks build
	// (and throw away) an Error with a stack each time: a third of the bot's own CPU in a signing burst.
	const embed: APIEmbed = {
		color: CAMPAIGN_COLOUR,
		title: created ? t.pledge.signedTitle : t.pledge.updatedTitle,
		description: `${created ? t.pledge.signedBody : t.pledge.updatedBody}\n\n${t.pledge.howToWithdraw}`,
		fields: [...detailFields(t, signature), ...totalFields(t, totals)],
		footer: { text: `${HASHTAG} · ${t.pledge.privacyNote}` },
	};
	await interaction.reply(ephemeral({ embeds: [embed] }));
}

async function withdraw(interaction: ChatInputCommandInteraction, ctx: BotContext, t: Catalogue, signerKey: string) {
	const deleted = await withdrawSignature(ctx.db, signerKey);
	ctx.log.info({ guildId: interaction.guildId, deleted }, 'pledge withdraw');
	const embed = new EmbedBuilder()
		.setColor(CAMPAIGN_COLOUR)
		.setTitle(deleted ? t.pledge.withdrawnTitle : t.pledge.notSignedTitle)
		.setDescription(deleted ? t.pledge.withdrawnBody : t.pledge.notSignedBody);
	await interaction.reply(ephemeral({ embeds: [embed] }));
}

async function status(
	interaction: ChatInputCommandInteraction,
	ctx: BotContext,
	t: Catalogue,
	guildId: string,
	signerKey: string,
) {
	const [signature, totals] = await Promise.all([findSignature(ctx.db, signerKey), countSignatures(ctx.db, guildId)]);
	// A plain APIEmbed, as in sign(): no builder validation on the hot path.
	const embed: APIEmbed = signature
		? {
				title: t.pledge.statusSignedTitle,
				description: t.pledge.howToWithdraw,
				fields: [
					...detailFields(t, signature),
					{ name: t.pledge.signedOn, value: time(signature.signedAt, TimestampStyles.LongDate), inline: true },
					...totalFields(t, totals),
				],
			}
		: { title: t.pledge.notSignedTitle, description: t.pledge.notSignedBody, fields: totalFields(t, totals) };
	await interaction.reply(ephemeral({ embeds: [{ color: CAMPAIGN_COLOUR, ...embed, footer: { text: HASHTAG } }] }));
}

function detailFields(t: Catalogue, s: { artistName: string | null; city: string | null; public: boolean }) {
	return [
		{ name: t.pledge.recordedArtist, value: s.artistName ? shown(s.artistName) : t.common.notGiven, inline: true },
		{ name: t.pledge.recordedCity, value: s.city ? shown(s.city) : t.common.notGiven, inline: true },
		{ name: t.pledge.recordedPublic, value: s.public ? t.common.yes : t.common.no, inline: true },
	];
}

/** The per-server count only from PER_SERVER_COUNT_MINIMUM signers up, so a small server cannot tell who signed. */
export function totalFields(t: Catalogue, totals: Totals) {
	const fields = [{ name: t.pledge.total, value: t.common.number(totals.total), inline: true }];
	if (totals.guildCount >= PER_SERVER_COUNT_MINIMUM) {
		fields.push({ name: t.pledge.guildCount, value: t.common.number(totals.guildCount), inline: true });
	}
	return fields;
}

/** The roster page with Previous/Next buttons (the same for the command and the buttons). */
export async function signersMessage(db: Database, t: Catalogue, requestedPage: number) {
	const { signers, page, pageCount, publicCount } = await listPublicSigners(db, requestedPage, SIGNERS_PAGE_SIZE);
	const total = await totalSignatures(db);
	const lines = signers.map((s, i) => {
		const n = (page - 1) * SIGNERS_PAGE_SIZE + i + 1;
		const city = s.city ? ` — ${shown(s.city)}` : '';
		return `**${n}.** ${shown(s.artistName ?? t.pledge.unnamed)}${city} · ${time(s.signedAt, TimestampStyles.ShortDate)}`;
	});
	const embed = new EmbedBuilder()
		.setColor(CAMPAIGN_COLOUR)
		.setTitle(t.pledge.signersTitle)
		.setDescription(lines.length ? fitLines(lines, '\n') : t.pledge.signersEmpty)
		.addFields({ name: '\u200b', value: t.pledge.signersSummary(publicCount, total) })
		.setFooter({ text: `${HASHTAG} · ${t.common.pageOf(page, pageCount)}` });
	return {
		embeds: [embed],
		components: pageButtons(t, page, pageCount, (p) => encodeCustomId({ kind: 'signers', page: p })),
	};
}

/** Previous/Next buttons; none when everything fits on one page. */
export function pageButtons(t: Catalogue, page: number, pageCount: number, idFor: (page: number) => string) {
	if (pageCount <= 1) return [];
	return [
		new ActionRowBuilder<ButtonBuilder>().addComponents(
			new ButtonBuilder()
				.setCustomId(idFor(Math.max(1, page - 1)))
				.setLabel(t.common.previous)
				.setStyle(ButtonStyle.Secondary)
				.setDisabled(page <= 1),
			new ButtonBuilder()
				.setCustomId(idFor(Math.min(pageCount, page + 1)))
				.setLabel(t.common.next)
				.setStyle(ButtonStyle.Secondary)
				.setDisabled(page >= pageCount),
		),
	];
}

export const turnSignersPage: ComponentHandler<'signers'> = async (interaction, id, ctx, t) => {
	if (!interaction.isButton()) throw new UserError(t.errors.expiredButton);
	await interaction.update({ ...(await signersMessage(ctx.db, t, id.page)), allowedMentions: NO_PINGS });
};
