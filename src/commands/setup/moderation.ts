import { channelMention, roleMention } from 'discord.js';
import { updateGuildSettings } from '../../db/guildSettings.js';
import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import { UserError } from '../../discord/userError.js';
import type { SubcommandHandler } from '../declaration/define.js';
import { optionLabels } from '../declaration/labels.js';
import { postableChannel } from './channels.js';
import { setupSpec } from './definition.js';

/** Where new flags go, and the moderator role (left out: no role, Manage Server only). */
export const moderation: SubcommandHandler<(typeof setupSpec)['subcommands']['moderation']['options']> = async (
	interaction,
	options,
	ctx,
	t,
) => {
	const guildId = requireGuildId(interaction, t);
	const channel = await postableChannel(interaction, options.channel, 'moderation', t);
	const role = options.role ?? null;
	// @everyone (id = server id) would make every member a moderator; a role of another server means nothing here.
	// discord.js keeps the server's roles cached from the gateway.
	const roles = interaction.guild?.roles.cache;
	if (role && (role === guildId || (roles !== undefined && !roles.has(role)))) {
		const name = optionLabels(t, setupSpec, 'moderation', 'role').name;
		throw new UserError(t.errors.invalidOption(name, t.errors.roleOfServer));
	}
	await updateGuildSettings(ctx.db, guildId, interaction.user.id, 'setup.moderation', {
		moderationChannelId: channel.id,
		moderatorRoleId: role,
		guildLocale: interaction.guildLocale,
	});
	await respond(
		interaction,
		{ content: t.setup.moderationSaved(channelMention(channel.id), role ? roleMention(role) : null) },
		'ephemeral',
	);
};
