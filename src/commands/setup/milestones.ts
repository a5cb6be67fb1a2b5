import { updateGuildSettings } from '../../db/guildSettings.js';
import { requireGuildId } from '../../discord/guild.js';
import { respond } from '../../discord/messages.js';
import { UserError } from '../../discord/userError.js';
import type { SubcommandHandler } from '../declaration/define.js';
import { MAX_THRESHOLDS, type setupSpec } from './definition.js';

/** Parses `10, 25 50,100`: positive whole numbers, de-duplicated and sorted, at most 25; null when invalid. */
export function parseThresholds(text: string): number[] | null {
	const parts = text.split(/[\s,]+/).filter((p) => p !== '');
	if (parts.length === 0 || !parts.every((p) => /^\d{1,9}$/.test(p))) return null;
	const values = [...new Set(parts.map(Number))].sort((a, b) => a - b);
	if (values.some((v) => v < 1) || values.length > MAX_THRESHOLDS) return null;
	return values;
}

/** Replaces the server's milestone list; thresholds already reached are recorded without a post. */
export const milestones: SubcommandHandler<(typeof setupSpec)['subcommands']['milestones']['options']> = async (
	interaction,
	options,
	ctx,
	t,
) => {
	const guildId = requireGuildId(interaction, t);
	const thresholds = parseThresholds(options.thresholds);
	if (!thresholds) throw new UserError(t.setup.thresholdsInvalid(MAX_THRESHOLDS));
	const { settings, silenced } = await updateGuildSettings(
		ctx.db,
		guildId,
		interaction.user.id,
		'setup.milestones',
		{ milestoneThresholds: thresholds.join(','), guildLocale: interaction.guildLocale },
		true,
	);
	const saved = t.setup.milestonesSaved(thresholds.join(', '), silenced);
	// A list without a channel is kept, but nothing can be posted until there is one: say so.
	const content = settings.announcementChannelId ? saved : `${saved}\n${t.setup.noAnnouncementChannelYet}`;
	await respond(interaction, { content }, 'ephemeral');
};
