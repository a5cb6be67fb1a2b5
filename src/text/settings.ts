// What `/setup show` lists: each setting in plain words, whether it is the default, and the command that changes it.
import { channelMention, roleMention } from 'discord.js';
import { DEFAULT_THRESHOLDS } from '../campaign.js';
import { type Catalogue, type Language, serverLanguage } from '../i18n/index.js';

/** The settings as stored. */
export interface ShownSettings {
	announcementChannelId: string | null;
	announcementChannelError: string | null;
	moderationChannelId: string | null;
	moderatorRoleId: string | null;
	milestoneThresholds: string | null;
	language?: string | null;
	alertChannelId?: string | null;
}

export interface SettingsField {
	name: string;
	value: string;
	inline?: boolean;
}

type SetupSubcommand = keyof Catalogue['commands']['setup']['subcommands'];

/** `/setup announcements` as the member's Discord shows it (`/configurar anuncios` in Spanish). */
export function setupCommandName(t: Catalogue, sub: SetupSubcommand): string {
	return `\`/${t.commands.setup.name} ${t.commands.setup.subcommands[sub].name}\``;
}

/** A stored channel problem in words; rows written before problems were keys hold their English text. */
const problemText = (t: Catalogue, stored: string) => t.setup.channelProblems[stored] ?? stored;

const isLanguage = (value: unknown): value is Language => value === 'en' || value === 'es';

/** The embed fields of `/setup show`, in the member's language; a server with no row shows every default. */
export function settingsFields(
	t: Catalogue,
	settings: ShownSettings | null,
	guildLocale: string | null,
): SettingsField[] {
	const change = (sub: SetupSubcommand) => t.setup.changeWith(setupCommandName(t, sub));
	const lines = (...parts: string[]) => parts.join('\n');

	const announcement = settings?.announcementChannelId
		? lines(
				channelMention(settings.announcementChannelId),
				...(settings.announcementChannelError
					? [t.setup.channelProblem(problemText(t, settings.announcementChannelError))]
					: []),
			)
		: t.setup.announcementsUnset;
	const thresholds = settings?.milestoneThresholds
		? settings.milestoneThresholds.split(',').join(', ')
		: t.setup.isDefault(DEFAULT_THRESHOLDS.join(', '));
	const chosen = isLanguage(settings?.language) ? settings.language : null;
	const languageName = t.setup.languageNames[serverLanguage(chosen, guildLocale)];
	const language = chosen ? languageName : t.setup.languageFromServer(languageName);
	const alerts = settings?.alertChannelId ? channelMention(settings.alertChannelId) : t.setup.alertsUnset;

	return [
		{ name: t.setup.announcementChannel, value: lines(announcement, change('announcements')) },
		{ name: t.setup.milestones, value: lines(thresholds, change('milestones')) },
		{
			name: t.setup.moderationChannel,
			value: lines(
				settings?.moderationChannelId ? channelMention(settings.moderationChannelId) : t.setup.moderationUnset,
				change('moderation'),
			),
			inline: true,
		},
		{
			name: t.setup.moderatorRole,
			value: lines(
				settings?.moderatorRoleId ? roleMention(settings.moderatorRoleId) : t.setup.roleUnset,
				change('moderation'),
			),
			inline: true,
		},
		{ name: t.setup.alertsChannel, value: lines(alerts, change('alerts')) },
		{ name: t.setup.language, value: lines(language, change('language')) },
	];
}
