// The server's set-up as an organiser reads it: each setting, whether it is set or a default, the command that
// changes it, and (when asked) what the bot is missing in the channels it posts to. Shared by /setup show and /help.
import { channelMention, type PermissionFlagsBits, roleMention } from 'discord.js';
import { DEFAULT_THRESHOLDS } from '../../campaign.js';
import type { BotContext } from '../../context.js';
import { getGuildSettings, thresholdsOf } from '../../db/guildSettings.js';
import { permissionNames } from '../../discord/permissions.js';
import { type Catalogue, serverLanguage } from '../../i18n/index.js';
import { missingPermissions, type NEEDS, type ServerPlace } from './channels.js';

export interface ChecklistItem {
	/** What the setting is, as organisers call it. */
	label: string;
	/** Its value, or "not set" / the default. */
	value: string;
	/** False when the bot cannot do its part until it is set (or fixed). */
	ok: boolean;
	/** The command that changes it. */
	command: string;
}

type Purpose = keyof typeof NEEDS;

/** `/setup announcements` as the reader's Discord shows it (`/configurar anuncios` in Spanish). */
const setupCommand = (t: Catalogue, sub: keyof Catalogue['commands']['setup']['subcommands']) =>
	`/${t.commands.setup.name} ${t.commands.setup.subcommands[sub].name}`;

/** Each setting of the server; with `checkChannels`, the bot's missing permissions in each channel (REST: defer first). */
export async function setupChecklist(
	place: ServerPlace & { guildLocale: string | null },
	ctx: BotContext,
	t: Catalogue,
	guildId: string,
	checkChannels: boolean,
): Promise<ChecklistItem[]> {
	const settings = await getGuildSettings(ctx.db, guildId);
	const channel = async (id: string | null | undefined, purpose: Purpose): Promise<{ value: string; ok: boolean }> => {
		if (!id) return { value: t.setup.notSet, ok: false };
		const missing: (typeof PermissionFlagsBits)[keyof typeof PermissionFlagsBits][] = checkChannels
			? await missingPermissions(place, id, purpose)
			: [];
		if (missing.length === 0) return { value: channelMention(id), ok: true };
		return { value: `${channelMention(id)}\n${t.setup.missingThere(permissionNames(t, missing))}`, ok: false };
	};
	// The three channels are checked at once: each check may wait on Discord.
	const [announcements, moderation, alerts] = await Promise.all([
		channel(settings?.announcementChannelId, 'announcements'),
		channel(settings?.moderationChannelId, 'moderation'),
		channel(settings?.alertChannelId, 'alerts'),
	]);
	const brokenAnnouncements = settings?.announcementChannelError
		? `\n${t.setup.channelProblem(t.setup.channelProblems[settings.announcementChannelError] ?? settings.announcementChannelError)}`
		: '';
	const thresholds = thresholdsOf(settings);
	const customThresholds = settings?.milestoneThresholds != null;
	const language = serverLanguage(settings?.language, place.guildLocale);
	return [
		{
			label: t.setup.announcementChannel,
			value: announcements.value + brokenAnnouncements,
			ok: announcements.ok && !brokenAnnouncements,
			command: setupCommand(t, 'announcements'),
		},
		{
			label: t.setup.milestones,
			value: customThresholds ? thresholds.join(', ') : t.setup.byDefault(DEFAULT_THRESHOLDS.join(', ')),
			ok: true,
			command: setupCommand(t, 'milestones'),
		},
		{
			label: t.setup.moderationChannel,
			value: moderation.value,
			ok: moderation.ok,
			command: setupCommand(t, 'moderation'),
		},
		{
			label: t.setup.moderatorRole,
			value: settings?.moderatorRoleId ? roleMention(settings.moderatorRoleId) : t.setup.onlyManageServer,
			ok: true,
			command: setupCommand(t, 'moderation'),
		},
		{ label: t.setup.alertsChannel, value: alerts.value, ok: alerts.ok, command: setupCommand(t, 'alerts') },
		{
			label: t.setup.postsLanguage,
			value: settings?.language
				? t.setup.languageNames[language]
				: t.setup.byDefault(t.setup.serverLocaleLanguage(t.setup.languageNames[language])),
			ok: true,
			command: setupCommand(t, 'language'),
		},
	];
}

/** The checklist as embed fields: ✅ or ⚠️, the value, and the command that changes it. */
export function checklistFields(t: Catalogue, items: readonly ChecklistItem[]) {
	return items.map((item) => ({
		name: `${item.ok ? '✅' : '⚠️'} ${item.label}`,
		value: `${item.value}\n-# ${t.setup.changeWith(item.command)}`,
	}));
}
