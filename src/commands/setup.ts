import {
	type ChatInputCommandInteraction,
	channelMention,
	EmbedBuilder,
	type GuildBasedChannel,
	PermissionFlagsBits,
	roleMention,
} from 'discord.js';
import { z } from 'zod';
import { CAMPAIGN_COLOUR } from '../campaign.js';
import { getGuildSettings, thresholdsOf, updateGuildSettings } from '../db/guildSettings.js';
import { totalSignatures } from '../db/signatures.js';
import type { Catalogue } from '../i18n/index.js';
import { permissionNames } from '../i18n/permissions.js';
import type { BotContext } from '../interactions/context.js';
import { type CommandHandler, requireGuildId } from '../interactions/handlers.js';
import { ephemeral } from '../interactions/messages.js';
import { readOptions } from '../interactions/options.js';
import { requireManageGuild } from '../interactions/permissions.js';
import { UserError } from '../interactions/userError.js';
import { settingsFields } from '../text/settings.js';
import { LIMITS } from './definitions.js';

const POSTABLE_TYPES = new Set([0, 5]); // GuildText, GuildAnnouncement
const snowflake = z.string().regex(/^\d{17,20}$/);

/** What the bot needs in a channel it posts to. Milestone posts carry a picture. */
const NEEDS = {
	moderation: [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks],
	announcements: [
		PermissionFlagsBits.ViewChannel,
		PermissionFlagsBits.SendMessages,
		PermissionFlagsBits.EmbedLinks,
		PermissionFlagsBits.AttachFiles,
	],
};

/** Parses `10, 25 50,100`: positive whole numbers, de-duplicated and sorted, at most 25; null when invalid. */
export function parseThresholds(text: string): number[] | null {
	const parts = text.split(/[\s,]+/).filter((p) => p !== '');
	if (parts.length === 0 || !parts.every((p) => /^\d{1,9}$/.test(p))) return null;
	const values = [...new Set(parts.map(Number))].sort((a, b) => a - b);
	if (values.some((v) => v < 1) || values.length > LIMITS.maxThresholds) return null;
	return values;
}

export const executeSetup: CommandHandler = async (interaction, ctx, t) => {
	const guildId = requireGuildId(interaction, t);
	requireManageGuild(interaction, t);
	const { subcommand, values, resolved } = readOptions(interaction);
	const channelOption = { value: values.channel, resolvedType: resolved.channel?.channel?.type };
	switch (subcommand) {
		case 'moderation': {
			const channel = await postableChannel(interaction, channelOption, 'moderation', t);
			const role = values.role === undefined ? null : snowflake.safeParse(values.role).data;
			// @everyone (id = server id) would make every member a moderator; a role of another server means nothing here.
			// The role cache holds only @everyone and the bot's roles (src/client.ts): ask Discord for this server's roles.
			const serverRoles = role && role !== guildId ? await interaction.guild?.roles.fetch() : undefined;
			const foreign = role && (role === guildId || (serverRoles !== undefined && !serverRoles.has(role)));
			if (role === undefined || foreign) throw new UserError(t.errors.invalidOption('role', t.errors.roleOfServer));
			await updateGuildSettings(ctx.db, guildId, interaction.user.id, 'setup.moderation', {
				moderationChannelId: channel.id,
				moderatorRoleId: role,
			});
			await interaction.reply(
				ephemeral({ content: t.setup.moderationSaved(channelMention(channel.id), role ? roleMention(role) : null) }),
			);
			return;
		}
		case 'announcements': {
			const channel = await postableChannel(interaction, channelOption, 'announcements', t);
			const total = await totalSignatures(ctx.db);
			const settings = await updateGuildSettings(
				ctx.db,
				guildId,
				interaction.user.id,
				'setup.announcements',
				{ announcementChannelId: channel.id, announcementChannelError: null },
				total,
			);
			const silenced = thresholdsOf(settings).filter((n) => n <= total).length;
			await interaction.reply(ephemeral({ content: t.setup.announcementsSaved(channelMention(channel.id), silenced) }));
			return;
		}
		case 'milestones': {
			const thresholds = typeof values.thresholds === 'string' ? parseThresholds(values.thresholds) : null;
			if (!thresholds) throw new UserError(t.setup.thresholdsInvalid(LIMITS.maxThresholds));
			const total = await totalSignatures(ctx.db);
			await updateGuildSettings(
				ctx.db,
				guildId,
				interaction.user.id,
				'setup.milestones',
				{ milestoneThresholds: thresholds.join(',') },
				total,
			);
			const silenced = thresholds.filter((n) => n <= total).length;
			await interaction.reply(ephemeral({ content: t.setup.milestonesSaved(thresholds.join(', '), silenced) }));
			return;
		}
		case 'show':
			return show(interaction, ctx, t, guildId);
		default:
			throw new UserError(t.errors.unknownCommand);
	}
};

async function show(interaction: ChatInputCommandInteraction, ctx: BotContext, t: Catalogue, guildId: string) {
	const settings = await getGuildSettings(ctx.db, guildId);
	const embed = new EmbedBuilder()
		.setColor(CAMPAIGN_COLOUR)
		.setTitle(t.setup.showTitle)
		.setDescription(t.setup.showIntro)
		.addFields(settingsFields(t, settings, interaction.guildLocale));
	await interaction.reply(ephemeral({ embeds: [embed] }));
}

/**
 * The chosen channel, checked at run time (a forged payload can name any id): a text or announcement
 * channel of this server in which the bot has the permissions it needs. What cannot be known (a server
 * the gateway did not describe, the bot's member unknown) is not held against the admin: a channel
 * that later refuses posts is marked by the milestone job and shown by /setup show.
 */
async function postableChannel(
	interaction: ChatInputCommandInteraction,
	option: { value: unknown; resolvedType: number | undefined },
	purpose: keyof typeof NEEDS,
	t: Catalogue,
): Promise<{ id: string }> {
	const id = snowflake.safeParse(option.value).data;
	if (!id) throw new UserError(t.errors.invalidOption('channel', t.errors.textChannelOfServer));
	const channel = await findGuildChannel(interaction, id);
	if (!channel) {
		// Neither cached nor fetchable: rely on what Discord resolved for this interaction, if anything.
		if (option.resolvedType === undefined) throw new UserError(t.setup.otherServer);
		if (!POSTABLE_TYPES.has(option.resolvedType)) throw new UserError(t.setup.notTextChannel);
		return { id };
	}
	if (channel.guildId !== interaction.guildId) throw new UserError(t.setup.otherServer);
	if (!POSTABLE_TYPES.has(channel.type)) throw new UserError(t.setup.notTextChannel);
	const me = channel.guild.members.me ?? (await channel.guild.members.fetchMe().catch(() => null));
	if (!me) return { id };
	// Only the bot's own roles are kept in the role cache (src/client.ts); fetching the server's roles refreshes them.
	await channel.guild.roles.fetch().catch(() => undefined);
	const granted = channel.permissionsFor(me);
	const missing = NEEDS[purpose].filter((p) => !granted.has(p));
	if (missing.length > 0) {
		throw new UserError(t.setup.botMissing(channelMention(id), permissionNames(t, missing)));
	}
	return { id };
}

async function findGuildChannel(
	interaction: ChatInputCommandInteraction,
	id: string,
): Promise<GuildBasedChannel | null> {
	const cached = interaction.guild?.channels.cache.get(id);
	if (cached) return cached;
	// Not in this server's cache: ask Discord, which answers for any channel the bot can see.
	const fetched = await interaction.client.channels.fetch(id).catch(() => null);
	return fetched && 'guildId' in fetched ? (fetched as GuildBasedChannel) : null;
}
