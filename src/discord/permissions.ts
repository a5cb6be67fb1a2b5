import { type GuildMember, type Interaction, PermissionFlagsBits, PermissionsBitField } from 'discord.js';
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
 * Whether the member has the role, from the interaction's member: Discord's raw member lists role ids; a GuildMember
 * resolves them against the server's role cache, which discord.js keeps complete from the gateway (src/client.ts).
 */
function hasRole(interaction: Interaction, roleId: string): boolean {
	const member = interaction.member;
	if (!member) return false;
	return Array.isArray(member.roles) ? member.roles.includes(roleId) : (member as GuildMember).roles.cache.has(roleId);
}

/** Moderators: Manage Server, or the server's moderator role. */
export function isModerator(interaction: Interaction, moderatorRoleId: string | null | undefined): boolean {
	if (hasManageGuild(interaction)) return true;
	return !!moderatorRoleId && hasRole(interaction, moderatorRoleId);
}

export function requireModerator(interaction: Interaction, moderatorRoleId: string | null | undefined, t: Catalogue) {
	if (!isModerator(interaction, moderatorRoleId)) throw new UserError(t.errors.notModerator);
}

/** Permission names as Discord's own settings show them, in the reader's language. */
export function permissionNames(t: Catalogue, flags: readonly bigint[]): string {
	return new PermissionsBitField(flags)
		.toArray()
		.map((name) => t.permissions[name as keyof Catalogue['permissions']] ?? name)
		.join(', ');
}
