import { getGuildSettings } from '../../db/guildSettings.js';
import { listedNamesOf, nameKey, unlistName } from '../../db/roster.js';
import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import { isModerator, requireModerator } from '../../discord/permissions.js';
import { shown } from '../../text/sanitize.js';
import type { SubcommandHandler, Suggest } from '../declaration/define.js';
import type { pledgeSpec } from './definition.js';

/** Discord's limits on an autocomplete choice's name and value. */
const CHOICE_MAX = 100;

/** Moderators of the server the signatures came from: a listed name leaves the roster; the signatures stay. */
export const unlist: SubcommandHandler<(typeof pledgeSpec)['subcommands']['unlist']['options']> = async (
	interaction,
	options,
	ctx,
	t,
) => {
	const guildId = requireGuildId(interaction, t);
	const settings = await getGuildSettings(ctx.db, guildId);
	requireModerator(interaction, settings?.moderatorRoleId, t);
	const count = await unlistName(ctx.db, guildId, options.name, interaction.user.id);
	ctx.log.info({ guildId, count }, 'pledge unlist');
	const content =
		count > 0 ? t.pledge.unlisted(shown(options.name), count) : t.pledge.unlistNotFound(shown(options.name));
	await respond(interaction, { content }, 'ephemeral');
};

/** Listed names of this server starting with (then containing) what the moderator typed; nothing for others. */
export const suggestListedNames: Suggest = async (interaction, focused, ctx) => {
	const guildId = interaction.guildId;
	if (!guildId) return [];
	const settings = await getGuildSettings(ctx.db, guildId);
	if (!isModerator(interaction, settings?.moderatorRoleId)) return [];
	const typed = nameKey(focused);
	const names = [...new Set((await listedNamesOf(ctx.db, guildId)).map((row) => row.name))].filter(
		(name) => name.length <= CHOICE_MAX,
	);
	const starts = names.filter((name) => nameKey(name).startsWith(typed));
	const contains = names.filter((name) => !nameKey(name).startsWith(typed) && nameKey(name).includes(typed));
	return [...starts, ...contains].slice(0, 25).map((name) => ({ name, value: name }));
};
