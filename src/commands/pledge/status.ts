import { type APIEmbed, TimestampStyles, time } from 'discord.js';
import { CAMPAIGN_COLOUR, HASHTAG } from '../../campaign.js';
import { pseudonym } from '../../db/pseudonym.js';
import { countSignatures, findSignature } from '../../db/signatures.js';
import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import type { SubcommandHandler } from '../declaration/define.js';
import type { NoOptions } from '../declaration/spec.js';
import { detailFields, totalFields } from './views.js';

export const status: SubcommandHandler<NoOptions> = async (interaction, _options, ctx, t) => {
	const guildId = requireGuildId(interaction, t);
	const signerKey = pseudonym(ctx.signerKey, interaction.user.id);
	const [signature, totals] = await Promise.all([findSignature(ctx.db, signerKey), countSignatures(ctx.db, guildId)]);
	// A plain APIEmbed, as in sign: no builder validation on the hot path.
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
	await respond(
		interaction,
		{ embeds: [{ color: CAMPAIGN_COLOUR, ...embed, footer: { text: HASHTAG } }] },
		'ephemeral',
	);
};
