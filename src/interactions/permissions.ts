import { type Interaction, PermissionFlagsBits } from 'discord.js';
import type { Catalogue } from '../i18n/index.js';
import { UserError } from './userError.js';

/** Manage Server (or Administrator), read from the interaction: checked at run time, whatever a server set as defaults. */
export function hasManageGuild(interaction: Interaction): boolean {
	return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

export function requireManageGuild(interaction: Interaction, t: Catalogue): void {
	if (!hasManageGuild(interaction)) throw new UserError(t.errors.noPermission);
}

/** The member's role ids, whether discord.js built a GuildMember or left Discord's raw member. */
function memberRoleIds(interaction: Interaction): readonly string[] {
	const member = interaction.member;
	if (!member) return [];
	return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}

/** Moderators: Manage Server, or the server's moderator role. */
export function isModerator(interaction: Interaction, moderatorRoleId: string | null | undefined): boolean {
	if (hasManageGuild(interaction)) return true;
	return !!moderatorRoleId && memberRoleIds(interaction).includes(moderatorRoleId);
}

export function requireModerator(interaction: Interaction, moderatorRoleId: string | null | undefined, t: Catalogue) {
	if (!isModerator(interaction, moderatorRoleId)) throw new UserError(t.errors.notModerator);
}
