import { InteractionContextType } from 'discord-api-types/v10';
import type { CommandSpec } from '../declaration/spec.js';

/** /campaign: the campaign in numbers (public), and its data for organisers (Manage Server). */
export const campaignSpec = {
	name: 'campaign',
	contexts: [InteractionContextType.Guild],
	subcommands: {
		// Counting and drawing the chart can take a moment on a large campaign: deferred.
		stats: { options: {}, defer: 'public' },
		export: { options: {}, defer: 'ephemeral', manageGuild: true },
	},
} as const satisfies CommandSpec;
