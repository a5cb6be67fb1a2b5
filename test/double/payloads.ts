// Builders of the objects Discord sends: users, roles, channels, members, guilds, messages.
import type {
	APIAttachment,
	APIEmbed,
	APIGuildMember,
	APIInteractionGuildMember,
	APIMessage,
	APIMessageInteractionMetadata,
	APIMessageTopLevelComponent,
	APIRole,
	APIUser,
	GatewayGuildCreateDispatchData,
	GuildMemberFlags,
	GuildSystemChannelFlags,
	Locale,
	RoleFlags,
	UserFlags,
} from 'discord-api-types/v10';
import { ChannelType } from 'discord-api-types/v10';
import { nextSnowflake, snowflakeIso } from './snowflake.js';
import type { ChannelState, GuildState, RoleState } from './state.js';

export const DEFAULT_LOCALE = 'en-US' as Locale;
const CDN = 'https://cdn.discordapp.com';
// Discord's enums have no zero member, but "no flags" is what it sends.
const NO_USER_FLAGS = 0 as UserFlags;
const MEDIA = 'https://media.discordapp.net';

export function botUser(id: string): APIUser {
	return {
		id,
		username: 'Test Bot',
		discriminator: '4821',
		global_name: null,
		avatar: null,
		bot: true,
		banner: null,
		accent_color: null,
		flags: NO_USER_FLAGS,
		public_flags: NO_USER_FLAGS,
		mfa_enabled: false,
		verified: true,
		email: null,
		locale: 'en-US',
		premium_type: 0,
		avatar_decoration_data: null,
		collectibles: null,
		primary_guild: null,
	};
}

export function applicationObject(id: string, bot: APIUser): Record<string, unknown> {
	return {
		id,
		name: bot.username,
		icon: null,
		description: '',
		summary: '',
		type: null,
		bot_public: true,
		bot_require_code_grant: false,
		verify_key: '0'.repeat(64),
		flags: 0,
		hook: true,
		is_monetized: false,
		team: null,
		owner: { id: '100000000000000001', username: 'owner', discriminator: '0', global_name: null, avatar: null },
		bot,
		install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
		integration_types_config: { '0': {} },
		approximate_guild_count: 1,
	};
}

export interface UserInit {
	id?: string;
	username?: string;
	global_name?: string;
}

export function userObject(init: UserInit, id: string): APIUser {
	const username = init.username ?? `user${id.slice(-6)}`;
	return {
		id,
		username,
		discriminator: '0',
		global_name: init.global_name ?? null,
		avatar: null,
		avatar_decoration_data: null,
		collectibles: null,
		primary_guild: null,
		public_flags: NO_USER_FLAGS,
		flags: NO_USER_FLAGS,
	};
}

export function roleObject(role: RoleState): APIRole {
	const base: APIRole = {
		id: role.id,
		name: role.name,
		color: 0,
		colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
		hoist: false,
		icon: null,
		unicode_emoji: null,
		position: role.position,
		permissions: role.permissions.toString(),
		managed: role.botId !== undefined,
		mentionable: false,
		flags: 0 as RoleFlags,
	};
	if (role.botId !== undefined) base.tags = { bot_id: role.botId };
	return base;
}

/** A guild channel. GUILD_CREATE omits guild_id; REST and interactions include it. */
export function channelObject(
	channel: ChannelState,
	botUserId: string,
	extra: { withGuildId: boolean; permissions?: string },
): Record<string, unknown> {
	const overwrites =
		channel.deniedToBot === 0n ? [] : [{ id: botUserId, type: 1, allow: '0', deny: channel.deniedToBot.toString() }];
	const base: Record<string, unknown> = {
		id: channel.id,
		type: channel.type,
		name: channel.name,
		position: channel.position,
		flags: 0,
		parent_id: null,
		permission_overwrites: overwrites,
	};
	if (extra.withGuildId) base.guild_id = channel.guildId;
	if (extra.permissions !== undefined) base.permissions = extra.permissions;
	if (channel.type === ChannelType.GuildVoice || channel.type === ChannelType.GuildStageVoice) {
		Object.assign(base, {
			bitrate: 64_000,
			user_limit: 0,
			rtc_region: null,
			last_message_id: null,
			rate_limit_per_user: 0,
			nsfw: false,
		});
	} else if (channel.type !== ChannelType.GuildCategory) {
		Object.assign(base, { topic: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0 });
	}
	return base;
}

export function dmChannelObject(channelId: string, recipient: APIUser): Record<string, unknown> {
	return { id: channelId, type: ChannelType.DM, flags: 0, last_message_id: null, recipients: [recipient] };
}

const MEMBER_DEFAULTS = {
	avatar: null,
	banner: null,
	communication_disabled_until: null,
	deaf: false,
	mute: false,
	flags: 0 as GuildMemberFlags,
	nick: null,
	pending: false,
	premium_since: null,
} as const;

export function botMemberObject(guild: GuildState, bot: APIUser): APIGuildMember {
	return { ...MEMBER_DEFAULTS, user: bot, roles: [guild.botRoleId], joined_at: guild.joinedAt };
}

export function interactionMemberObject(
	user: APIUser,
	roles: string[],
	permissions: bigint,
	joinedAt: string,
): APIInteractionGuildMember {
	return { ...MEMBER_DEFAULTS, user, roles, joined_at: joinedAt, permissions: permissions.toString() };
}

/** The full guild of a GUILD_CREATE dispatch. */
export function guildCreateObject(guild: GuildState, bot: APIUser): GatewayGuildCreateDispatchData {
	return {
		...guildObject(guild),
		joined_at: guild.joinedAt,
		large: false,
		unavailable: false,
		member_count: 2,
		voice_states: [],
		members: [botMemberObject(guild, bot)],
		channels: guild.channels.map(
			(channel) =>
				channelObject(channel, bot.id, {
					withGuildId: false,
				}) as unknown as GatewayGuildCreateDispatchData['channels'][number],
		),
		threads: [],
		presences: [],
		stage_instances: [],
		guild_scheduled_events: [],
		soundboard_sounds: [],
	};
}

/** The guild as REST returns it (GET /guilds/:id). */
export function guildObject(guild: GuildState): Omit<GatewayGuildCreateDispatchData, GuildCreateOnly> {
	return {
		id: guild.id,
		name: guild.name,
		icon: null,
		icon_hash: null,
		splash: null,
		discovery_splash: null,
		banner: null,
		description: null,
		owner_id: guild.ownerId,
		region: 'deprecated',
		afk_channel_id: null,
		afk_timeout: 300,
		widget_enabled: false,
		widget_channel_id: null,
		verification_level: 0,
		default_message_notifications: 0,
		explicit_content_filter: 0,
		roles: guild.roles.map(roleObject),
		emojis: [],
		stickers: [],
		features: [],
		mfa_level: 0,
		application_id: null,
		system_channel_id: guild.channels[0]?.id ?? null,
		system_channel_flags: 0 as GuildSystemChannelFlags,
		rules_channel_id: null,
		max_presences: null,
		max_members: 500_000,
		vanity_url_code: null,
		premium_tier: 0,
		premium_subscription_count: 0,
		preferred_locale: guild.locale as Locale,
		public_updates_channel_id: null,
		max_video_channel_users: 25,
		max_stage_video_channel_users: 50,
		nsfw_level: 0,
		premium_progress_bar_enabled: false,
		hub_type: null,
		safety_alerts_channel_id: null,
		incidents_data: null,
	};
}
type GuildCreateOnly =
	| 'joined_at'
	| 'large'
	| 'unavailable'
	| 'member_count'
	| 'voice_states'
	| 'members'
	| 'channels'
	| 'threads'
	| 'presences'
	| 'stage_instances'
	| 'guild_scheduled_events'
	| 'soundboard_sounds';

/** A file received in a multipart body. */
export interface ReceivedFile {
	/** The form field name, e.g. `files[0]`. */
	field: string;
	name: string;
	contentType: string;
	data: Buffer;
}

/** The body fields of a message create/edit, as bots send them. */
export interface MessageBody {
	content?: string;
	embeds?: unknown[];
	components?: unknown[];
	flags?: number;
	attachments?: Array<{ id?: string | number; filename?: string; description?: string; title?: string }>;
	allowed_mentions?: unknown;
	nonce?: string | number;
	tts?: boolean;
	message_reference?: unknown;
	poll?: unknown;
	[key: string]: unknown;
}

export interface MessageInit {
	channelId: string;
	author: APIUser;
	body: MessageBody;
	files: readonly ReceivedFile[];
	type?: number;
	webhookId?: string;
	applicationId?: string;
	interactionMetadata?: APIMessageInteractionMetadata;
	/** Flags Discord sets itself (EPHEMERAL on ephemeral replies, LOADING on deferred ones). */
	forcedFlags?: number;
}

/** Flags a bot may set on a message: SUPPRESS_EMBEDS, EPHEMERAL, SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2. */
const SETTABLE_FLAGS = 4 | 64 | 4096 | 32768;

export function messageObject(init: MessageInit): APIMessage {
	const id = nextSnowflake();
	const message: APIMessage = {
		id,
		type: init.type ?? 0,
		channel_id: init.channelId,
		author: init.author,
		content: init.body.content ?? '',
		timestamp: snowflakeIso(id),
		edited_timestamp: null,
		tts: init.body.tts === true,
		mention_everyone: false,
		mentions: [],
		mention_roles: [],
		attachments: attachmentsFor(init.channelId, init.body, init.files, []),
		embeds: embedsOf(init.body.embeds),
		pinned: false,
		flags: ((init.body.flags ?? 0) & SETTABLE_FLAGS) | (init.forcedFlags ?? 0),
		components: (init.body.components ?? []) as APIMessageTopLevelComponent[],
	};
	if (init.body.nonce !== undefined) message.nonce = init.body.nonce;
	if (init.webhookId !== undefined) message.webhook_id = init.webhookId;
	if (init.applicationId !== undefined) message.application_id = init.applicationId;
	if (init.interactionMetadata !== undefined) message.interaction_metadata = init.interactionMetadata;
	return message;
}

/** Applies an edit (PATCH body + files) to a stored message, in place, as Discord does. */
export function applyEdit(message: APIMessage, body: MessageBody, files: readonly ReceivedFile[]): APIMessage {
	if (body.content !== undefined) message.content = body.content ?? '';
	if (body.embeds !== undefined) message.embeds = embedsOf(body.embeds);
	if (body.components !== undefined) message.components = (body.components ?? []) as APIMessageTopLevelComponent[];
	if (body.flags !== undefined) {
		// Only SUPPRESS_EMBEDS may change on edit; EPHEMERAL, LOADING etc. stay as they were.
		message.flags = ((message.flags ?? 0) & ~4) | ((body.flags ?? 0) & 4);
	}
	// An edit of a deferred reply is the reply: the "thinking…" state ends.
	message.flags = (message.flags ?? 0) & ~128;
	if (body.attachments !== undefined || files.length > 0) {
		message.attachments = attachmentsFor(message.channel_id, body, files, message.attachments);
	}
	message.edited_timestamp = new Date().toISOString();
	return message;
}

// Discord sniffs the type of an upload sent as a bare octet-stream; the extension is close enough here.
const TYPES_BY_EXTENSION: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp',
	svg: 'image/svg+xml',
	txt: 'text/plain; charset=utf-8',
	csv: 'text/csv; charset=utf-8',
	json: 'application/json; charset=utf-8',
	pdf: 'application/pdf',
	mp3: 'audio/mpeg',
	ogg: 'audio/ogg',
	wav: 'audio/wav',
	mp4: 'video/mp4',
};

function contentTypeOf(file: ReceivedFile): string {
	if (file.contentType !== 'application/octet-stream') return file.contentType;
	const extension = file.name.split('.').at(-1)?.toLowerCase() ?? '';
	return TYPES_BY_EXTENSION[extension] ?? file.contentType;
}

function embedsOf(embeds: unknown[] | undefined): APIEmbed[] {
	return (embeds ?? []).map((embed) => ({ type: 'rich', ...(embed as APIEmbed) }) as APIEmbed);
}

/**
 * Attachments of a message: the kept existing ones listed in `attachments` by id, plus one per uploaded file
 * (`files[n]` matched to the `attachments` entry whose id is n, for filename and description).
 */
function attachmentsFor(
	channelId: string,
	body: MessageBody,
	files: readonly ReceivedFile[],
	existing: readonly APIAttachment[],
): APIAttachment[] {
	const listed = body.attachments ?? [];
	const kept = existing.filter((attachment) => listed.some((entry) => String(entry.id) === attachment.id));
	const uploaded = files.map((file, position): APIAttachment => {
		const index = /\[(\d+)\]/.exec(file.field)?.[1] ?? String(position);
		const entry = listed.find((candidate) => String(candidate.id) === index);
		const id = nextSnowflake();
		const filename = entry?.filename ?? file.name;
		const attachment: APIAttachment = {
			id,
			filename,
			size: file.data.length,
			url: `${CDN}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`,
			proxy_url: `${MEDIA}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`,
			content_type: contentTypeOf(file),
		};
		if (entry?.description !== undefined) attachment.description = entry.description;
		if (entry?.title !== undefined) attachment.title = entry.title;
		return attachment;
	});
	return [...kept, ...uploaded];
}
