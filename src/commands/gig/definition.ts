import { InteractionContextType } from 'discord-api-types/v10';
import { CONNECTION_KINDS } from '../../campaign.js';
import { PAGE_OPTION } from '../../discord/paging.js';
import type { CommandSpec } from '../declaration/spec.js';
import { calendarDate, evidenceUrl, noMentions, todayOrLater } from './input.js';

/** /gig: flag an Amazon-linked gig, list confirmed ones, review flags. */
export const gigSpec = {
	name: 'gig',
	contexts: [InteractionContextType.Guild],
	subcommands: {
		flag: {
			options: {
				event: { type: 'string', required: true, maxLength: 200, checks: [noMentions] },
				venue: { type: 'string', required: true, maxLength: 200, checks: [noMentions] },
				date: {
					type: 'string',
					required: true,
					form: 'trimmed',
					minLength: 10,
					maxLength: 10,
					checks: [calendarDate, todayOrLater],
				},
				connection: { type: 'string', required: true, form: 'trimmed', choices: CONNECTION_KINDS },
				link: { type: 'string', required: true, form: 'trimmed', maxLength: 500, checks: [evidenceUrl] },
				details: { type: 'string', maxLength: 1000, checks: [noMentions] },
			},
		},
		list: { options: { page: PAGE_OPTION } },
		review: { options: {} },
	},
} as const satisfies CommandSpec;

/** A reject reason: required, 1–500 characters (the modal's text input). */
export const REJECT_REASON_MAX = 500;
