// The double's Discord-side state: who the bot is, its guilds, commands, messages, DMs and users seen.
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import type { InteractionWorld } from './interaction-payloads.js';
import { applicationObject, botUser } from './payloads.js';
import { nextSnowflake } from './snowflake.js';
import type { GuildSpec, GuildState } from './state.js';
import { buildGuildState } from './state.js';

export type StoredMessage = APIMessage;
export type StoredCommand = Record<string, unknown> & { id: string; name: string };

export class World implements InteractionWorld {
	readonly token: string;
	readonly applicationId: string;
	readonly bot: APIUser;
	readonly application: Record<string, unknown>;
	readonly guilds: GuildState[];
	/** Messages the bot created in channels, by channel id. */
	readonly messages = new Map<string, StoredMessage[]>();
	/** Registered commands by scope: 'global' or a guild id. */
	readonly commands = new Map<string, StoredCommand[]>();
	/** DM channel id → the user on the other side. */
	readonly dmChannels = new Map<string, APIUser>();
	readonly users = new Map<string, APIUser>();
	/** Members seen in interactions, by `${guildId}:${userId}`. */
	readonly members = new Map<string, unknown>();
	/** Messages created with enforce_nonce, by `${channelId}:${nonce}`. */
	readonly nonces = new Map<string, { message: StoredMessage; at: number }>();
	/** How long Discord remembers an enforced nonce ("the past few minutes"); 0: never deduplicates. */
	nonceWindowMs: number;
	/** The shard count `GET /gateway/bot` recommends; IDENTIFY with fewer is closed with 4011. */
	readonly recommendedShards: number;
	gatewayUrl = '';
	readonly #dmByUser = new Map<string, string>();
	readonly #madeUpCommandIds = new Map<string, string>();

	constructor(options: {
		token: string;
		applicationId: string;
		guilds: GuildSpec[] | undefined;
		nonceWindowMs?: number | undefined;
		shards?: number | undefined;
	}) {
		this.recommendedShards = options.shards ?? 1;
		this.token = options.token;
		this.nonceWindowMs = options.nonceWindowMs ?? 5 * 60_000;
		this.applicationId = options.applicationId;
		// A bot user's id is its application's id.
		this.bot = botUser(options.applicationId);
		this.application = applicationObject(options.applicationId, this.bot);
		this.guilds = (options.guilds ?? [{}]).map((spec, index) => buildGuildState(spec, this.bot.id, index));
		this.users.set(this.bot.id, this.bot);
	}

	commandFor(name: string, guildId: string | undefined): { id: string; guildId?: string } {
		const guildCommand =
			guildId === undefined ? undefined : this.commands.get(guildId)?.find((command) => command.name === name);
		if (guildCommand && guildId !== undefined) return { id: guildCommand.id, guildId };
		const global = this.commands.get('global')?.find((command) => command.name === name);
		if (global) return { id: global.id };
		let id = this.#madeUpCommandIds.get(name);
		if (id === undefined) {
			id = nextSnowflake();
			this.#madeUpCommandIds.set(name, id);
		}
		return { id };
	}

	dmChannelFor(user: APIUser): string {
		let channelId = this.#dmByUser.get(user.id);
		if (channelId === undefined) {
			channelId = nextSnowflake();
			this.#dmByUser.set(user.id, channelId);
		}
		this.dmChannels.set(channelId, user);
		return channelId;
	}

	rememberUser(user: APIUser, guildId: string | undefined, member: unknown): void {
		this.users.set(user.id, user);
		if (guildId !== undefined && member !== undefined) this.members.set(`${guildId}:${user.id}`, member);
	}

	storedMessage(channelId: string, messageId: string): StoredMessage | undefined {
		return this.messages.get(channelId)?.find((message) => message.id === messageId);
	}

	storeMessage(message: StoredMessage): void {
		const list = this.messages.get(message.channel_id) ?? [];
		list.push(message);
		this.messages.set(message.channel_id, list);
	}
}
