import { updateGuildSettings } from '../../db/guildSettings.js';
import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import type { SubcommandHandler } from '../declaration/define.js';
import type { setupSpec } from './definition.js';

/** The language of the server's public posts; members keep getting answers in their own Discord language. */
export const language: SubcommandHandler<(typeof setupSpec)['subcommands']['language']['options']> = async (
	interaction,
	options,
	ctx,
	t,
) => {
	const guildId = requireGuildId(interaction, t);
	await updateGuildSettings(ctx.db, guildId, interaction.user.id, 'setup.language', {
		language: options.language,
		guildLocale: interaction.guildLocale,
	});
	await respond(interaction, { content: t.setup.languageSaved(t.setup.languageNames[options.language]) }, 'ephemeral');
};
