import { type Client, Events } from 'discord.js';
import { type ClientOptions, createClient } from './client.js';
import type { BotContext } from './context.js';
import type { Database } from './db/client.js';
import { onReady } from './events/ready.js';
import type { Logger } from './log.js';
import { resolveShardCount, type Sharding } from './sharding.js';

export interface BotOptions {
	token: string;
	apiUrl: string | undefined;
	/**
	 * A promise while the database is still being prepared (src/main.ts logs in meanwhile): interactions and joins
	 * that arrive before it is open wait for it (discord.js buffers nothing), so none is handled early. An interaction
	 * still waiting STARTING_GRACE_MS after Discord created it is told the bot is starting, and never handled.
	 */
	db: Database | Promise<Database>;
	log: Logger;
	signerKey: string;
	gigFlagsPerHour: number;
	now?: () => Date;
	/** SHARD_COUNT / SHARD_IDS (see src/sharding.ts). */
	sharding?: Sharding;
	/** Tests only (see ClientOptions): production keeps discord.js's identify throttle. */
	buildIdentifyThrottler?: ClientOptions['buildIdentifyThrottler'];
}

export interface Bot {
	client: Client;
	/** Logs in and resolves once the gateway is ready and the handlers' modules are loaded. */
	start(): Promise<void>;
	/** Waits for replies in flight, then closes the gateway and the REST connections; once. The database is the caller's. */
	stop(): Promise<void>;
	/**
	 * Called with the close code when a gateway connection closed for good: discord.js emits shardDisconnect only for
	 * codes it will not recover from (4004 token refused, 4014 intents, …) and then stays idle without a gateway.
	 */
	onClosedForGood(listener: (code: number) => void): void;
}

/** The handlers' modules: every command, its texts and its input rules. */
export const loadHandlerModules = () =>
	Promise.all([import('./events/interactionCreate.js'), import('./events/guildCreate.js')] as const);

/**
 * How long after Discord created it an interaction waits for the database to open. Past that, it is told that the
 * bot is starting and is never handled: Discord drops an answer later than 3 s, and the member would see only a
 * failure. Counted from the interaction's id, not from when the bot read it: a synchronous data step can hold the
 * event loop while interactions wait unread.
 */
export const STARTING_GRACE_MS = 2000;

/** Wires the client, its events and the handlers' context; used by src/main.ts and the end-to-end tests. */
export function createBot(options: BotOptions): Bot {
	const client = createClient({
		apiUrl: options.apiUrl,
		...(options.buildIdentifyThrottler ? { buildIdentifyThrottler: options.buildIdentifyThrottler } : {}),
		...(options.sharding ? { sharding: options.sharding } : {}),
	});
	// Loaded once the login is under way, while the gateway answers: start-up waits for the network there
	// (BENCHMARKS.md "Start-up"). start() waits for them.
	const handlerModules = new Promise((resolve) => setImmediate(resolve)).then(loadHandlerModules);
	const handlers = Promise.all([options.db, handlerModules]).then(([db, [interactions, joins]]) => {
		const ctx: BotContext = {
			db,
			log: options.log,
			signerKey: options.signerKey,
			gigFlagsPerHour: options.gigFlagsPerHour,
			now: options.now ?? (() => new Date()),
		};
		return { interactions: interactions.createInteractionHandler(ctx), onJoin: joins.createGuildJoinHandler(ctx) };
	});
	// A database that fails to open is the start-up's to report (src/main.ts exits): the handlers then never run.
	const whenOpen = (use: (opened: Awaited<typeof handlers>) => unknown) => void handlers.then(use, () => {});
	let open: Awaited<typeof handlers> | undefined;
	whenOpen((opened) => {
		open = opened;
	});
	// "Starting" answers in flight, so that stop() waits for them as for the handlers' replies.
	const starting = new Set<Promise<void>>();
	let startingAnswer: Promise<typeof import('./events/starting.js')> | undefined;
	client.on(Events.InteractionCreate, (interaction) => {
		if (open) {
			open.interactions.onInteraction(interaction);
			return;
		}
		// Early interactions are handled in arrival order once the database is open, unless the grace ran out first.
		// Loaded at the first early interaction, so that the grace's last second is not spent loading it.
		startingAnswer ??= import('./events/starting.js');
		const loaded = startingAnswer;
		const left = interaction.createdTimestamp + STARTING_GRACE_MS - Date.now();
		let told = false;
		const grace = setTimeout(
			() => {
				told = true;
				const answered = loaded
					.then(({ answerStarting }) => answerStarting(interaction, options.log))
					.catch((error: unknown) => options.log.error({ err: error }, 'could not load the starting answer'));
				starting.add(answered);
				void answered.finally(() => starting.delete(answered));
			},
			// A clock ahead of or behind Discord's moves the wait within [0, grace], never past it.
			Math.min(STARTING_GRACE_MS, Math.max(0, left)),
		);
		whenOpen(({ interactions }) => {
			clearTimeout(grace);
			if (!told) interactions.onInteraction(interaction);
		});
	});
	client.on(Events.GuildCreate, (guild) => whenOpen(({ onJoin }) => onJoin(guild)));
	client.once(Events.ClientReady, (ready) => onReady(ready, options.log));
	client.on(Events.Error, (error) => options.log.error({ err: error }, 'client error'));
	client.on(Events.Warn, (message) => options.log.warn({ message }, 'client warning'));
	client.on(Events.ShardDisconnect, (event, shard) =>
		options.log.warn({ code: event.code, shard }, 'gateway disconnected'),
	);
	client.on(Events.ShardResume, (shard, replayed) => options.log.info({ shard, replayed }, 'gateway resumed'));

	let stopped: Promise<void> | undefined;
	return {
		client,
		onClosedForGood: (listener) => client.on(Events.ShardDisconnect, ({ code }) => listener(code)),
		async start() {
			const { shardIds, shardCount } = options.sharding ?? {};
			if (shardIds !== undefined && shardCount === undefined) {
				// Some shards of Discord's recommended count: discord.js would otherwise count max(id) + 1 shards. Its
				// options are read at login, so the count is set on them now (as discord.js does once it knows it).
				client.rest.setToken(options.token);
				client.options.shardCount = await resolveShardCount(client.rest, shardIds);
			}
			const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
			await client.login(options.token);
			await Promise.all([ready, handlerModules]);
		},
		stop() {
			stopped ??= (async () => {
				const opened = await handlers.catch(() => undefined);
				await Promise.all([opened?.interactions.drain(), Promise.allSettled([...starting])]);
				await client.destroy();
				// discord.js leaves REST to its dispatcher: close the pool's keep-alive connections now rather than at
				// their idle timeout (a request still in flight finishes first). A closed pool refuses a second close.
				await client.rest.agent?.close();
			})();
			return stopped;
		},
	};
}
