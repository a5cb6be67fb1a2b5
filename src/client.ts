import { Client, GatewayIntentBits, type LimitedCollectionOptions, Options, type WebSocketOptions } from 'discord.js';
import { Agent } from 'undici';
import { NO_PINGS } from './discord/messages.js';
import { type Sharding, shardOptions } from './sharding.js';

export interface ClientOptions {
	/** REST base without the version (a local double, a REST proxy); discord.js's default when undefined. */
	apiUrl: string | undefined;
	/**
	 * Tests only: replaces discord.js's identify throttle (one IDENTIFY per 5 s), so that a fresh IDENTIFY after a
	 * non-resumable session does not wait. src/main.ts never sets it.
	 */
	buildIdentifyThrottler?: WebSocketOptions['buildIdentifyThrottler'];
	/** SHARD_COUNT / SHARD_IDS; all shards Discord recommends when empty. */
	sharding?: Sharding;
}

/**
 * At most this many connections to Discord's REST API at once; further requests wait for a free one. Without a
 * bound, undici opens a connection for every request that finds none idle: a 1,000-sign burst opened 300–1,000 of
 * them (each a TLS handshake against Discord). Even over plain local HTTP, the bound took ~12% off the bot's CPU per
 * burst in alternating pairs (BENCHMARKS.md round 7). 64 keep-alive connections carry a 1,000-answer burst inside
 * the 3 s callback window at ~100 ms per answer.
 */
export const REST_CONNECTIONS = 64;

/**
 * The gateway client: Guilds intent only (interactions carry the member and its permissions), a
 * client-wide allowedMentions that pings nobody, and caches cut to what the bot reads so that memory
 * stays flat across thousands of servers: guilds, @everyone and the bot's own roles and member (to check where
 * the bot may post). No channels, other roles, messages, other members, users, presences, emojis or threads.
 *
 * Channels are not cached: the bot never reads them on its hot paths (posts go to channel ids through REST,
 * interactions carry their channel), and /setup fetches the one channel it checks. They are most of
 * discord.js's memory: 2,500 servers × 50 channels ≈ 125 MB (see BENCHMARKS.md). discord.js calls limiting
 * these managers unsupported; channel events and lookups then simply find nothing in the cache.
 */
export function createClient({ apiUrl, buildIdentifyThrottler, sharding = {} }: ClientOptions): Client {
	return new Client({
		intents: [GatewayIntentBits.Guilds],
		...shardOptions(sharding),
		allowedMentions: NO_PINGS,
		rest: { ...(apiUrl ? { api: apiUrl } : {}), agent: new Agent({ connections: REST_CONNECTIONS }) },
		...(buildIdentifyThrottler ? { ws: { buildIdentifyThrottler } } : {}),
		makeCache: Options.cacheWithLimits({
			...Options.DefaultMakeCacheSettings,
			MessageManager: 0,
			ReactionManager: 0,
			ReactionUserManager: 0,
			ThreadManager: 0,
			ThreadMemberManager: 0,
			PresenceManager: 0,
			VoiceStateManager: 0,
			GuildEmojiManager: 0,
			GuildStickerManager: 0,
			GuildScheduledEventManager: 0,
			StageInstanceManager: 0,
			GuildInviteManager: 0,
			GuildBanManager: 0,
			AutoModerationRuleManager: 0,
			ApplicationCommandManager: 0,
			GuildMessageManager: 0,
			DMMessageManager: 0,
			UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
			GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
			// Typed out of CacheWithLimitsOptions by discord.js, which calls limiting them unsupported (and warns once per
			// manager: `npm start` passes --disable-warning=UnsupportedCacheOverwriteWarning). Set on purpose.
			...({ ChannelManager: 0, GuildChannelManager: 0 } as Record<
				string,
				number | LimitedCollectionOptions<string, never>
			>),
		}),
	});
}
