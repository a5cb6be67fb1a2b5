import { channelMention } from 'discord.js';
import { thresholdsOf, updateGuildSettings } from '../../db/guildSettings.js';
import { totalSignatures } from '../../db/signatures.js';
import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import type { SubcommandHandler } from '../declaration/define.js';
import { postableChannel } from './channels.js';
import type { setupSpec } from './definition.js';

/** Where milestones are posted; thresholds already reached are recorded without a post. */
export const announcements: SubcommandHandler<(typeof setupSpec)['subcommands']['announcements']['options']> = async (
	interaction,
	options,
	ctx,
	t,
) => {
	const guildId = requireGuildId(interaction, t);
	const channel = await postableChannel(interaction, options.channel, 'announcements', t);
	const total = await totalSignatures(ctx.db);
	const settings = await updateGuildSettings(
		ctx.db,
		guildId,
		interaction.user.id,
		'setup.announcements',
		{ announcementChannelId: channel.id, announcementChannelError: null, guildLocale: interaction.guildLocale },
		total,
	);
	const silenced = thresholdsOf(settings).filter((n) => n <= total).length;
	await respond(
		interaction,
		{ content: t.setup.announcementsSaved(channelMention(channel.id), silenced) },
		'ephemeral',
	);
};
