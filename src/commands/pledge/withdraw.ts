import { EmbedBuilder } from 'discord.js';
import { CAMPAIGN_COLOUR } from '../../campaign.js';
import { pseudonym } from '../../db/pseudonym.js';
import { withdrawSignature } from '../../db/signatures.js';
import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import type { SubcommandHandler } from '../declaration/define.js';
import type { NoOptions } from '../declaration/spec.js';

export const withdraw: SubcommandHandler<NoOptions> = async (interaction, _options, ctx, t) => {
	const guildId = requireGuildId(interaction, t);
	const deleted = await withdrawSignature(ctx.db, pseudonym(ctx.signerKey, interaction.user.id));
	ctx.log.info({ guildId, deleted }, 'pledge withdraw');
	const embed = new EmbedBuilder()
		.setColor(CAMPAIGN_COLOUR)
		.setTitle(deleted ? t.pledge.withdrawnTitle : t.pledge.notSignedTitle)
		.setDescription(deleted ? t.pledge.withdrawnBody : t.pledge.notSignedBody);
	await respond(interaction, { embeds: [embed] }, 'ephemeral');
};
