import { InteractionContextType } from 'discord-api-types/v10';
import type { CommandSpec } from '../declaration/spec.js';

/** /demands: the pledge and the four demands, public. */
export const demandsSpec = {
	name: 'demands',
	contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
	subcommands: { '': { options: {} } },
} as const satisfies CommandSpec;
