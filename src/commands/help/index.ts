import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import { hasManageGuild } from '../../discord/permissions.js';
import { defineCommand } from '../declaration/define.js';
import { helpSpec } from './definition.js';
import { helpEmbeds } from './view.js';

/** Privately: what the bot does and its commands; with Manage Server, the server's set-up checklist too. */
export const helpCommand = defineCommand(helpSpec, {
	'': async (interaction, _options, ctx, t) => {
		const guildId = requireGuildId(interaction, t);
		const place = { client: interaction.client, guildId, guildLocale: interaction.guildLocale };
		const embeds = await helpEmbeds(place, ctx, t, hasManageGuild(interaction));
		await respond(interaction, { embeds }, 'ephemeral');
	},
});
