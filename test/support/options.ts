import type { CommandInteractionOption } from 'discord.js';

const TYPES = { string: 3, number: 4, boolean: 5 } as const;

/** Option values as Discord sends them below a subcommand (types inferred from the JS values, as a forger would). */
export function sent(values: Record<string, unknown>): CommandInteractionOption[] {
	return Object.entries(values).map(([name, value]) => ({
		name,
		type: TYPES[typeof value as keyof typeof TYPES] ?? 3,
		value: value as string,
	}));
}
