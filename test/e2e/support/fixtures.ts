// The servers the end-to-end suites share: one campaign server with every kind of channel a command must accept or
// refuse, and a second server for cross-server checks. Channels and roles are looked up by name, never by position.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { ChannelState, GuildSpec, GuildState, RoleState } from '../../double/index.js';

/** A server set up for the campaign: text, moderation and announcement channels, and the channels to refuse. */
export function campaignGuildSpec(): GuildSpec {
	return {
		channels: [
			{ name: 'general', type: 0 },
			{ name: 'mods', type: 0 },
			{ name: 'news', type: 5 },
			{ name: 'voice', type: 2 },
			{ name: 'muted', type: 0, deniedToBot: PermissionFlagsBits.SendMessages },
			{ name: 'forum', type: 15 },
		],
		roles: [{ name: 'Moderators' }, { name: 'Fans' }],
	};
}

/** Another server: its channels and roles must mean nothing in the campaign server. */
export function otherGuildSpec(): GuildSpec {
	return { channels: [{ name: 'elsewhere', type: 0 }], roles: [{ name: 'Crew' }] };
}

export interface CampaignGuild {
	guild: GuildState;
	general: ChannelState;
	mods: ChannelState;
	news: ChannelState;
	voice: ChannelState;
	muted: ChannelState;
	forum: ChannelState;
	moderators: RoleState;
	fans: RoleState;
}

function named<T extends { name: string }>(items: readonly T[], name: string, guild: GuildState): T {
	const found = items.find((item) => item.name === name);
	if (!found) throw new Error(`server ${guild.name} has no ${name}: not built from campaignGuildSpec()?`);
	return found;
}

/** The channels and roles of a server built from campaignGuildSpec(). */
export function campaignGuild(guild: GuildState): CampaignGuild {
	const channel = (name: string) => named(guild.channels, name, guild);
	return {
		guild,
		general: channel('general'),
		mods: channel('mods'),
		news: channel('news'),
		voice: channel('voice'),
		muted: channel('muted'),
		forum: channel('forum'),
		moderators: named(guild.roles, 'Moderators', guild),
		fans: named(guild.roles, 'Fans', guild),
	};
}
