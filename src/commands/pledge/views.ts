import { type APIEmbed, EmbedBuilder, TimestampStyles, time } from 'discord.js';
import { CAMPAIGN_COLOUR, HASHTAG, PER_SERVER_COUNT_MINIMUM } from '../../campaign.js';
import type { Database } from '../../db/client.js';
import type { Totals } from '../../db/signatureBatches.js';
import { listPublicSigners, totalSignatures } from '../../db/signatures.js';
import { encodeCustomId } from '../../discord/customId.js';
import { pageButtons } from '../../discord/paging.js';
import type { Catalogue } from '../../i18n/index.js';
import { fitLines, shown } from '../../text/sanitize.js';

export const SIGNERS_PAGE_SIZE = 10;

/** What the member's signature holds, as the sign and status replies show it. */
export function detailFields(
	t: Catalogue,
	s: { artistName: string | null; city: string | null; public: boolean; unlisted: boolean },
) {
	const listed = s.unlisted ? t.pledge.unlistedNote : s.public ? t.common.yes : t.common.no;
	return [
		{ name: t.pledge.recordedArtist, value: s.artistName ? shown(s.artistName) : t.common.notGiven, inline: true },
		{ name: t.pledge.recordedCity, value: s.city ? shown(s.city) : t.common.notGiven, inline: true },
		{ name: t.pledge.recordedPublic, value: listed, inline: true },
	];
}

/** The per-server count only from PER_SERVER_COUNT_MINIMUM signers up, so a small server cannot tell who signed. */
export function totalFields(t: Catalogue, totals: Totals): APIEmbed['fields'] & object {
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
