import type { Catalogue } from '../i18n/index.js';
import { UserError } from './userError.js';

/** The server the interaction came from; commands that record per-server data refuse DMs. */
export function requireGuildId(interaction: { guildId: string | null }, t: Catalogue): string {
	if (!interaction.guildId) throw new UserError(t.errors.guildOnly);
	return interaction.guildId;
}
