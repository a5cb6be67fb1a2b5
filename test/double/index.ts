// A local Discord (REST v10 + gateway) that the real discord.js client connects to.
//
//   const double = await startDiscordDouble();
//   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: double.apiUrl } });
//   await Promise.all([once(client, 'clientReady'), client.login(double.token)]);
//   const reply = await double.waitForReply(double.sendCommand({ name: 'pledge' }));
//   …
//   await client.destroy(); // before double.close(), or discord.js keeps reconnecting to a closed port
//   await double.close();
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIUser } from 'discord-api-types/v10';
import { Gateway } from './gateway.js';
import type {
	AutocompleteOpts,
	CommandOpts,
	ComponentOpts,
	MessageCommandOpts,
	ModalOpts,
} from './interaction-payloads.js';
import {
	autocompleteInteraction,
	commandInteraction,
	componentInteraction,
	messageCommandInteraction,
	modalInteraction,
} from './interaction-payloads.js';
import { interactionRoutes } from './interaction-routes.js';
import type { InteractionLog, InteractionResponse, ReplyView, SentInteraction } from './interactions.js';
import { InteractionTracker } from './interactions.js';
import { guildCreateObject } from './payloads.js';
import { allDoubles } from './registry.js';
import type { DelayRule, FaultRule, RecordedRequest } from './rest.js';
import { RestServer } from './rest.js';
import { coreRoutes } from './routes.js';
import type { GuildSpec, GuildState } from './state.js';
import { buildGuildState } from './state.js';
import type { StoredMessage } from './world.js';
import { World } from './world.js';

export type { ActorOpts, CommandOpts, ComponentOpts, MessageCommandOpts, ModalOpts } from './interaction-payloads.js';
export type { CallbackData, InteractionLog, InteractionResponse, ReplyView, SentInteraction } from './interactions.js';
export { allDoubles } from './registry.js';
export type { DelayRule, FaultRule, RecordedFile, RecordedRequest } from './rest.js';
export type { ChannelSpec, ChannelState, GuildSpec, GuildState, RoleSpec, RoleState } from './state.js';
export type { StoredMessage } from './world.js';

export interface DoubleOptions {
	/** Default 'test-token'. REST routes other than interaction callbacks/webhooks require `Bot <token>`. */
	token?: string;
	/** Default a fixed 18-digit snowflake; also the bot user's id. */
	applicationId?: string;
	/** Default: one guild with two text channels and a voice channel. */
	guilds?: GuildSpec[];
	/** Shard count `GET /gateway/bot` recommends (default 1); an IDENTIFY with fewer shards is closed with 4011. */
	shards?: number;
	/** How long an enforced nonce deduplicates message creation (default 5 min, as Discord); 0: never. */
	nonceWindowMs?: number;
}

export interface DiscordDouble {
	/** discord.js `rest.api`: the base WITHOUT /v10, e.g. http://127.0.0.1:PORT/api. */
	apiUrl: string;
	/** ws://127.0.0.1:PORT, as GET /gateway/bot returns it. */
	gatewayUrl: string;
	token: string;
	applicationId: string;
	botUserId: string;
	guilds: GuildState[];
	/** Every REST request in arrival order, injected failures included. */
	requests: RecordedRequest[];
	/** Messages the bot created with POST /channels/:id/messages (edits applied), by channel id. */
	messages: Map<string, StoredMessage[]>;
	/** Every interaction dispatched, forged ones included, in order (file-wide checks read what members sent). */
	dispatched: SentInteraction[];
	/** Every user the double knows: the bot and each member seen in an interaction, by id. */
	users: ReadonlyMap<string, APIUser>;
	sendCommand(opts: CommandOpts): SentInteraction;
	/** The bot is added to a new server: the server exists from now on and its GUILD_CREATE is dispatched. */
	joinGuild(spec: GuildSpec): GuildState;
	/** The bot is removed from a server (kicked, or the server deleted): it is gone and GUILD_DELETE is dispatched. */
	leaveGuild(guildId: string): void;
	/** An autocomplete request (interaction type 4) with `focused` marked among the options. */
	sendAutocomplete(opts: AutocompleteOpts): SentInteraction;
	/** A message context-menu command on a message with the given content. */
	sendMessageCommand(opts: MessageCommandOpts): SentInteraction;
	clickButton(opts: ComponentOpts): SentInteraction;
	submitModal(opts: ModalOpts): SentInteraction;
	/** Dispatches an arbitrary INTERACTION_CREATE `d`; tracked only when it has an id and a token. */
	dispatchRaw(payload: unknown): SentInteraction;
	waitForResponse(interaction: SentInteraction, timeoutMs?: number): Promise<InteractionResponse>;
	waitForReply(interaction: SentInteraction, timeoutMs?: number): Promise<ReplyView>;
	interactionLog(interaction: SentInteraction): InteractionLog;
	failNext(rule: FaultRule): void;
	delay(rule: DelayRule): void;
	/** Acts on shard 0's connection unless `shard` is given. */
	closeGateway(code: number, shard?: number): void;
	sendReconnect(shard?: number): void;
	sendInvalidSession(resumable: boolean, shard?: number): void;
	readonly identifyCount: number;
	/** `[shard_id, num_shards]` of every accepted IDENTIFY, in order. */
	readonly identifiedShards: [number, number][];
	readonly resumeCount: number;
	/** TCP connections accepted so far (REST and gateway): how many a client opened, e.g. under its pool's bound. */
	readonly connectionCount: number;
	/** TCP connections open now (REST and gateway): 0 once a client has closed all of its own. */
	readonly openConnectionCount: number;
	waitForReady(timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

export const DEFAULT_APPLICATION_ID = '861234567890123456';

export async function startDiscordDouble(options: DoubleOptions = {}): Promise<DiscordDouble> {
	const world = new World({
		token: options.token ?? 'test-token',
		applicationId: options.applicationId ?? DEFAULT_APPLICATION_ID,
		guilds: options.guilds,
		shards: options.shards,
		nonceWindowMs: options.nonceWindowMs,
	});
	const tracker = new InteractionTracker();
	const gateway = new Gateway(world);
	const rest = new RestServer(
		[...coreRoutes(world, (t, d, intent) => gateway.dispatch(t, d, intent)), ...interactionRoutes(world, tracker)],
		world.token,
	);
	const server = createServer(rest.listener);
	server.on('upgrade', gateway.upgrade);
	let connectionCount = 0;
	let openConnectionCount = 0;
	server.on('connection', (socket) => {
		connectionCount++;
		openConnectionCount++;
		socket.once('close', () => {
			openConnectionCount--;
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	world.gatewayUrl = `ws://127.0.0.1:${port}`;

	const dispatched: SentInteraction[] = [];
	const dispatchInteraction = (payload: Record<string, unknown>): SentInteraction => {
		const sent = tracker.track(payload);
		dispatched.push(sent);
		gateway.dispatch('INTERACTION_CREATE', payload);
		return sent;
	};

	const double: DiscordDouble = {
		apiUrl: `http://127.0.0.1:${port}/api`,
		gatewayUrl: world.gatewayUrl,
		token: world.token,
		applicationId: world.applicationId,
		botUserId: world.bot.id,
		guilds: world.guilds,
		requests: rest.requests,
		messages: world.messages,
		dispatched,
		users: world.users,
		sendCommand: (opts) => dispatchInteraction(commandInteraction(world, opts)),
		sendAutocomplete: (opts) => dispatchInteraction(autocompleteInteraction(world, opts)),
		joinGuild: (spec) => {
			const guild = buildGuildState(spec, world.bot.id, world.guilds.length);
			world.guilds.push(guild);
			gateway.dispatch('GUILD_CREATE', guildCreateObject(guild, world.bot));
			return guild;
		},
		leaveGuild: (guildId) => {
			const at = world.guilds.findIndex((guild) => guild.id === guildId);
			if (at < 0) throw new Error(`leaveGuild: the bot is not in ${guildId}`);
			world.guilds.splice(at, 1);
			// A removal, not an outage: Discord leaves `unavailable` out.
			gateway.dispatch('GUILD_DELETE', { id: guildId });
		},
		sendMessageCommand: (opts) => dispatchInteraction(messageCommandInteraction(world, opts)),
		clickButton: (opts) => dispatchInteraction(componentInteraction(world, opts)),
		submitModal: (opts) => dispatchInteraction(modalInteraction(world, opts)),
		dispatchRaw: (payload) => {
			// Forged payloads go out exactly as given; only objects with an id and a token can be tracked.
			const sent = tracker.track(
				typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {},
			);
			dispatched.push(sent);
			gateway.dispatch('INTERACTION_CREATE', payload);
			return sent;
		},
		waitForResponse: (interaction, timeoutMs) => tracker.waitForResponse(interaction, timeoutMs),
		waitForReply: (interaction, timeoutMs) => tracker.waitForReply(interaction, timeoutMs),
		interactionLog: (interaction) => tracker.log(interaction),
		failNext: (rule) => rest.failNext(rule),
		delay: (rule) => rest.delay(rule),
		closeGateway: (code, shard) => gateway.closeGateway(code, shard),
		sendReconnect: (shard) => gateway.sendReconnect(shard),
		sendInvalidSession: (resumable, shard) => gateway.sendInvalidSession(resumable, shard),
		identifiedShards: gateway.identifiedShards,
		get identifyCount() {
			return gateway.identifyCount;
		},
		get connectionCount() {
			return connectionCount;
		},
		get openConnectionCount() {
			return openConnectionCount;
		},
		get resumeCount() {
			return gateway.resumeCount;
		},
		waitForReady: (timeoutMs) => gateway.waitForReady(timeoutMs),
		close: async () => {
			tracker.closeAll();
			await gateway.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	allDoubles.add(double);
	return double;
}
