import type { APIEmbed } from 'discord.js';
import { CAMPAIGN_COLOUR, HASHTAG } from '../../campaign.js';
import { pseudonym } from '../../db/pseudonym.js';
import { countSignatures, signPledge } from '../../db/signatures.js';
import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import { cleanText } from '../../text/sanitize.js';
import type { SubcommandHandler } from '../declaration/define.js';
import { pledgeSpec } from './definition.js';
import { detailFields, totalFields } from './views.js';

type SignOptions = (typeof pledgeSpec)['subcommands']['sign']['options'];

export const sign: SubcommandHandler<SignOptions> = async (interaction, options, ctx, t) => {
	const guildId = requireGuildId(interaction, t);
	const signerKey = pseudonym(ctx.signerKey, interaction.user.id);
	// Listed under the Discord display name only if the signature ends up public with no name stored.
	const fallbackName = cleanText(interaction.user.displayName).slice(
		0,
		pledgeSpec.subcommands.sign.options.artist_name.maxLength,
	);
	const { created, signature } = await signPledge(
		ctx.db,
		signerKey,
		guildId,
		{ artistName: options.artist_name, city: options.city, public: options.public, fallbackName },
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
	await respond(interaction, { embeds: [embed] }, 'ephemeral');
};
