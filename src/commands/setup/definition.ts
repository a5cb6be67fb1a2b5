import { ChannelType, InteractionContextType } from 'discord-api-types/v10';
import { LANGUAGES } from '../../i18n/index.js';
import type { CommandSpec } from '../declaration/spec.js';

/** Channels the bot can post in: text and announcement channels. */
export const POSTABLE_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;
const channel = { type: 'channel', required: true, channelTypes: POSTABLE_CHANNELS } as const;

/** A server's milestone list: at most this many numbers. */
export const MAX_THRESHOLDS = 25;

/** /setup: where the bot posts, who moderates, what is celebrated. Manage Server, checked again at run time. */
export const setupSpec = {
	name: 'setup',
	contexts: [InteractionContextType.Guild],
	manageGuild: true,
	subcommands: {
		// These check the channel and the bot's permissions over REST before answering: deferred.
		announcements: { options: { channel }, defer: 'ephemeral' },
		moderation: { options: { channel, role: { type: 'role' } }, defer: 'ephemeral' },
		milestones: { options: { thresholds: { type: 'string', required: true, form: 'trimmed', maxLength: 200 } } },
		language: { options: { language: { type: 'string', required: true, form: 'trimmed', choices: LANGUAGES } } },
		alerts: { options: { channel }, defer: 'ephemeral' },
		// Checks the bot's permissions in each channel over REST.
		show: { options: {}, defer: 'ephemeral' },
	},
} as const satisfies CommandSpec;
