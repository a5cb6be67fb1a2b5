import { type GuildMember, type Interaction, PermissionFlagsBits } from 'discord.js';
import type { Catalogue } from '../i18n/index.js';
import { UserError } from './userError.js';

/** Manage Server (or Administrator), read from the interaction: checked at run time, whatever a server set as defaults. */
export function hasManageGuild(interaction: Interaction): boolean {
	return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

export function requireManageGuild(interaction: Interaction, t: Catalogue): void {
	if (!hasManageGuild(interaction)) throw new UserError(t.errors.noPermission);
}

/**
 * A GuildMember's role ids as Discord sent them. discord.js keeps them in `_roles` (private, discord.js pinned in
 * package.json); `roles.cache` lists only those also in the server's role cache, which holds few roles to save
 * memory (src/client.ts).
 */
export function roleIdsOf(member: GuildMember): readonly string[] {
	const raw = (member as unknown as { _roles?: unknown })._roles;
	return Array.isArray(raw) ? (raw as string[]) : [...member.roles.cache.keys()];
}

/** The member's role ids, whether discord.js built a GuildMember or left Discord's raw member. */
function memberRoleIds(interaction: Interaction): readonly string[] {
	const member = interaction.member;
	if (!member) return [];
	return Array.isArray(member.roles) ? member.roles : roleIdsOf(member as GuildMember);
}

/** Moderators: Manage Server, or the server's moderator role. */
export function isModerator(interaction: Interaction, moderatorRoleId: string | null | undefined): boolean {
	if (hasManageGuild(interaction)) return true;
	return !!moderatorRoleId && memberRoleIds(interaction).includes(moderatorRoleId);
}

export function requireModerator(interaction: Interaction, moderatorRoleId: string | null | undefined, t: Catalogue) {
	if (!isModerator(interaction, moderatorRoleId)) throw new UserError(t.errors.notModerator);
}
