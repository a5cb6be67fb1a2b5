import { InteractionContextType } from 'discord-api-types/v10';
import { PAGE_OPTION } from '../../discord/paging.js';
import { withoutMentionSyntax } from '../../text/mentionSyntax.js';
import type { CommandSpec } from '../declaration/spec.js';

/** /pledge: sign, withdraw, status, and the public roster. */
export const pledgeSpec = {
	name: 'pledge',
	contexts: [InteractionContextType.Guild],
	subcommands: {
		sign: {
			options: {
				artist_name: { type: 'string', maxLength: 100, checks: [withoutMentionSyntax] },
				city: { type: 'string', maxLength: 100, checks: [withoutMentionSyntax] },
				public: { type: 'boolean' },
			},
		},
		withdraw: { options: {} },
		status: { options: {} },
		signers: { options: { page: PAGE_OPTION } },
		unlist: { options: { name: { type: 'string', required: true, maxLength: 100, autocomplete: true } } },
	},
} as const satisfies CommandSpec;
