import { InteractionContextType } from 'discord-api-types/v10';
import type { CommandSpec } from '../declaration/spec.js';

/** /help: what the bot is for and its commands; for admins, the set-up checklist. */
export const helpSpec = {
	name: 'help',
	contexts: [InteractionContextType.Guild],
	// Reads the registered commands (for clickable mentions) and, for admins, each channel's permissions.
	subcommands: { '': { options: {}, defer: 'ephemeral' } },
} as const satisfies CommandSpec;
