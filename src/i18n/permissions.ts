import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Catalogue } from './en.js';

const FLAG_NAMES = new Map<bigint, string>(Object.entries(PermissionFlagsBits).map(([name, bit]) => [bit, name]));

/** Permissions as Discord's settings name them in the member's language ("Send Messages", "Enviar mensajes"). */
export function permissionNames(t: Catalogue, permissions: readonly bigint[]): string[] {
	return permissions.map((bit) => {
		const flag = FLAG_NAMES.get(bit) ?? bit.toString();
		return t.permissions[flag] ?? flag;
	});
}
