import { channelMention } from 'discord.js';
import { updateGuildSettings } from '../../db/guildSettings.js';
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
	const { silenced } = await updateGuildSettings(
		ctx.db,
		guildId,
		interaction.user.id,
		'setup.announcements',
		{ announcementChannelId: channel.id, announcementChannelError: null, guildLocale: interaction.guildLocale },
		true,
	);
	await respond(
		interaction,
		{ content: t.setup.announcementsSaved(channelMention(channel.id), silenced) },
		'ephemeral',
	);
};
