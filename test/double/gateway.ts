// The gateway half of the double: HELLO, heartbeats, IDENTIFY → READY + GUILD_CREATEs, RESUME with replay,
// and dispatches that survive reconnects (queued while no connection is ready).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayIntentBits } from 'discord-api-types/v10';
import type { RawData } from 'ws';
import { WebSocket, WebSocketServer } from 'ws';
import { guildCreateObject } from './payloads.js';
import type { World } from './world.js';

const HEARTBEAT_INTERVAL = 41_250;
const REPLAY_BUFFER = 5000;
const PRIVILEGED_INTENTS =
	GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
const ALL_INTENTS = Object.values(GatewayIntentBits)
	.filter((bit): bit is number => typeof bit === 'number')
	.reduce((all, bit) => all | bit, 0);

/** Close codes with the reasons Discord gives. */
const CLOSE_REASONS: Record<number, string> = {
	4000: 'Unknown error.',
	4001: 'Unknown opcode.',
	4002: 'Error while decoding payload.',
	4003: 'Not authenticated.',
	4004: 'Authentication failed.',
	4005: 'Already authenticated.',
	4007: 'Invalid seq.',
	4008: 'Rate limited.',
	4009: 'Session timed out.',
	4010: 'Invalid shard.',
	4011: 'Sharding required.',
	4012: 'Invalid API version.',
	4013: 'Invalid intent(s).',
	4014: 'Disallowed intent(s).',
};

interface Session {
	id: string;
	seq: number;
	intents: number;
	/** [shard_id, num_shards] as identified. */
	shard: [number, number];
	/** Dispatches sent in this session, for replay on RESUME. */
	sent: Array<{ s: number; t: string; d: unknown }>;
}

interface Connection {
	socket: WebSocket;
	session: Session | undefined;
	/** Identified (READY + GUILD_CREATEs sent) or resumed, and not told to reconnect since. */
	ready: boolean;
}

interface PendingDispatch {
	t: string;
	d: unknown;
	intent: number | undefined;
}

/** The shard Discord routes a guild's events to: `(guild_id >> 22) % num_shards`. DMs go to shard 0. */
export function shardOf(guildId: string | undefined, shardCount: number): number {
	if (guildId === undefined || !/^\d+$/.test(guildId)) return 0;
	return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

function guildIdOf(d: unknown, t?: string): string | undefined {
	// GUILD_CREATE and GUILD_DELETE name their guild by `id` (the guild object itself); other guild events by `guild_id`.
	const id =
		t === 'GUILD_CREATE' || t === 'GUILD_DELETE'
			? (d as { id?: unknown } | null)?.id
			: (d as { guild_id?: unknown } | null)?.guild_id;
	return typeof id === 'string' ? id : undefined;
}

interface GatewayPayload {
	op?: unknown;
	d?: unknown;
}

export class Gateway {
	identifyCount = 0;
	resumeCount = 0;
	/** The `shard` of every accepted IDENTIFY, in order. */
	readonly identifiedShards: [number, number][] = [];
	readonly #world: World;
	readonly #server = new WebSocketServer({ noServer: true });
	readonly #connections = new Set<Connection>();
	readonly #sessions = new Map<string, Session>();
	/** The ready (or last identified) connection of each shard id. */
	readonly #current = new Map<number, Connection>();
	/** The shard count clients identify with (all of a bot's shards use one); Discord's recommendation until then. */
	#shardCount: number;
	/** Dispatches made while no connection was ready, delivered on the next READY or RESUMED. */
	readonly #pending: PendingDispatch[] = [];
	readonly #readyWaiters = new Set<{ resolve: () => void; reject: (error: Error) => void }>();

	constructor(world: World) {
		this.#world = world;
		this.#shardCount = world.recommendedShards;
	}

	readonly upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
		this.#server.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, request));
	};

	/**
	 * Sends a dispatch to the ready connection of the shard its guild belongs to (if its intents cover `intent`),
	 * or queues it for that shard.
	 */
	dispatch(t: string, d: unknown, intent?: number): void {
		const connection = this.#current.get(shardOf(guildIdOf(d, t), this.#shardCount));
		if (connection?.ready && connection.socket.readyState === WebSocket.OPEN) {
			this.#dispatchTo(connection, { t, d, intent });
		} else {
			this.#pending.push({ t, d, intent });
		}
	}

	/** Closes the bot connection of `shard` with `code`; 1006 drops the socket without a close frame. */
	closeGateway(code: number, shard = 0): void {
		const connection = this.#current.get(shard) ?? [...this.#connections].at(-1);
		if (!connection) return;
		this.#unready(connection);
		if (code === 1006) connection.socket.terminate();
		else connection.socket.close(code, CLOSE_REASONS[code] ?? '');
	}

	sendReconnect(shard = 0): void {
		const connection = this.#current.get(shard);
		if (!connection) return;
		this.#unready(connection);
		send(connection, { op: 7, d: null });
	}

	sendInvalidSession(resumable: boolean, shard = 0): void {
		const connection = this.#current.get(shard);
		if (!connection) return;
		this.#unready(connection);
		if (!resumable && connection.session) this.#sessions.delete(connection.session.id);
		send(connection, { op: 9, d: resumable });
	}

	/** True when every shard (of the count clients identify with) has a ready connection. */
	get allReady(): boolean {
		for (let shard = 0; shard < this.#shardCount; shard++) if (!this.#current.get(shard)?.ready) return false;
		return true;
	}

	/** Resolves once every shard has a ready connection. */
	waitForReady(timeoutMs = 10_000): Promise<void> {
		if (this.allReady) return Promise.resolve();
		return new Promise<void>((resolve, reject) => {
			const waiter = {
				resolve: () => {
					clearTimeout(timer);
					this.#readyWaiters.delete(waiter);
					resolve();
				},
				reject: (error: Error) => {
					clearTimeout(timer);
					this.#readyWaiters.delete(waiter);
					reject(error);
				},
			};
			const timer = setTimeout(
				() => waiter.reject(new Error(`No bot connection became ready within ${timeoutMs} ms`)),
				timeoutMs,
			);
			this.#readyWaiters.add(waiter);
		});
	}

	async close(): Promise<void> {
		for (const waiter of [...this.#readyWaiters]) waiter.reject(new Error('The Discord double was closed'));
		for (const connection of this.#connections) connection.socket.terminate();
		this.#connections.clear();
		this.#current.clear();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}

	#accept(socket: WebSocket, request: IncomingMessage): void {
		const connection: Connection = { socket, session: undefined, ready: false };
		this.#connections.add(connection);
		socket.on('error', () => {
			// A client vanishing mid-frame is normal here (1006 tests); the close handler cleans up.
		});
		socket.on('close', () => {
			this.#connections.delete(connection);
			this.#unready(connection);
		});
		socket.on('message', (data) => this.#onMessage(connection, data));
		const params = new URL(request.url ?? '/', 'ws://double.invalid').searchParams;
		if ((params.get('v') ?? '10') !== '10') {
			socket.close(4012, CLOSE_REASONS[4012]);
			return;
		}
		if ((params.get('encoding') ?? 'json') !== 'json') {
			socket.close(4002, CLOSE_REASONS[4002]);
			return;
		}
		send(connection, { op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL, _trace: ['["gateway-double",{}]'] } });
	}

	#onMessage(connection: Connection, data: RawData): void {
		let payload: GatewayPayload;
		try {
			payload = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : String(data)) as GatewayPayload;
		} catch {
			this.#close(connection, 4002);
			return;
		}
		switch (payload.op) {
			case 1:
				send(connection, { op: 11 });
				return;
			case 2:
				this.#identify(connection, (payload.d ?? {}) as IdentifyData);
				return;
			case 6:
				this.#resume(connection, (payload.d ?? {}) as ResumeData);
				return;
			case 3:
			case 4:
			case 8:
			case 31:
				// Presence, voice state, member and soundboard requests: accepted and ignored once authenticated.
				if (!connection.session) this.#close(connection, 4003);
				return;
			default:
				this.#close(connection, 4001);
		}
	}

	#identify(connection: Connection, data: IdentifyData): void {
		if (connection.session) {
			this.#close(connection, 4005);
			return;
		}
		if (!this.#tokenMatches(data.token)) {
			this.#close(connection, 4004);
			return;
		}
		const intents = data.intents;
		if (typeof intents !== 'number' || !Number.isInteger(intents) || (intents & ~ALL_INTENTS) !== 0) {
			this.#close(connection, 4013);
			return;
		}
		if ((intents & PRIVILEGED_INTENTS) !== 0) {
			this.#close(connection, 4014);
			return;
		}
		const shard = data.shard ?? [0, 1];
		const [shardId, shardCount] = Array.isArray(shard) ? shard : [];
		if (
			!Number.isInteger(shardId) ||
			!Number.isInteger(shardCount) ||
			(shardCount as number) < 1 ||
			(shardId as number) < 0 ||
			(shardId as number) >= (shardCount as number)
		) {
			this.#close(connection, 4010);
			return;
		}
		// Discord closes a session that would handle too many guilds: the bot must use (at least) the recommended count.
		if ((shardCount as number) < this.#world.recommendedShards) {
			this.#close(connection, 4011);
			return;
		}
		const session: Session = {
			id: randomBytes(16).toString('hex'),
			seq: 0,
			intents,
			shard: [shardId as number, shardCount as number],
			sent: [],
		};
		this.identifyCount += 1;
		this.identifiedShards.push(session.shard);
		this.#shardCount = session.shard[1];
		this.#sessions.set(session.id, session);
		connection.session = session;
		this.#current.set(session.shard[0], connection);
		const world = this.#world;
		const guilds = world.guilds.filter((guild) => shardOf(guild.id, session.shard[1]) === session.shard[0]);
		this.#dispatchTo(connection, {
			t: 'READY',
			intent: undefined,
			d: {
				v: 10,
				user_settings: {},
				user: world.bot,
				guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
				session_id: session.id,
				session_type: 'normal',
				resume_gateway_url: world.gatewayUrl,
				shard: session.shard,
				application: { id: world.applicationId, flags: 0 },
				private_channels: [],
				relationships: [],
				presences: [],
				guild_join_requests: [],
				geo_ordered_rtc_regions: ['us-east', 'us-central'],
				auth: {},
				_trace: ['["gateway-double",{}]'],
			},
		});
		// Discord sends GUILD_CREATE only with the Guilds intent (discord.js then waits 15 s for them).
		if ((intents & GatewayIntentBits.Guilds) !== 0) {
			for (const guild of guilds) {
				this.#dispatchTo(connection, { t: 'GUILD_CREATE', d: guildCreateObject(guild, world.bot), intent: undefined });
			}
		}
		this.#becomeReady(connection);
	}

	#resume(connection: Connection, data: ResumeData): void {
		if (!this.#tokenMatches(data.token)) {
			this.#close(connection, 4004);
			return;
		}
		const session = typeof data.session_id === 'string' ? this.#sessions.get(data.session_id) : undefined;
		if (!session) {
			send(connection, { op: 9, d: false });
			return;
		}
		// A session lives on one connection: a zombie still holding it is dropped.
		for (const other of this.#connections) {
			if (other !== connection && other.session === session) other.socket.terminate();
		}
		this.resumeCount += 1;
		connection.session = session;
		this.#current.set(session.shard[0], connection);
		const seq = typeof data.seq === 'number' ? data.seq : 0;
		for (const missed of session.sent.filter((entry) => entry.s > seq)) {
			send(connection, { op: 0, t: missed.t, s: missed.s, d: missed.d });
		}
		this.#dispatchTo(connection, { t: 'RESUMED', d: { _trace: ['["gateway-double",{}]'] }, intent: undefined });
		this.#becomeReady(connection);
	}

	#becomeReady(connection: Connection): void {
		connection.ready = true;
		const shard = connection.session?.shard ?? [0, 1];
		const mine = (pending: PendingDispatch) => shardOf(guildIdOf(pending.d, pending.t), shard[1]) === shard[0];
		const deliver = this.#pending.filter(mine);
		this.#pending.splice(0, this.#pending.length, ...this.#pending.filter((pending) => !mine(pending)));
		for (const pending of deliver) this.#dispatchTo(connection, pending);
		if (!this.allReady) return;
		for (const waiter of [...this.#readyWaiters]) waiter.resolve();
	}

	#unready(connection: Connection): void {
		connection.ready = false;
		const shard = connection.session?.shard[0];
		if (shard !== undefined && this.#current.get(shard) === connection) this.#current.delete(shard);
	}

	#dispatchTo(connection: Connection, dispatch: PendingDispatch): void {
		const session = connection.session;
		if (!session) return;
		if (dispatch.intent !== undefined && (session.intents & dispatch.intent) === 0) return;
		const s = ++session.seq;
		session.sent.push({ s, t: dispatch.t, d: dispatch.d });
		if (session.sent.length > REPLAY_BUFFER) session.sent.splice(0, session.sent.length - REPLAY_BUFFER);
		send(connection, { op: 0, t: dispatch.t, s, d: dispatch.d });
	}

	#tokenMatches(token: unknown): boolean {
		// Discord accepts the token with or without the "Bot " prefix on the gateway.
		return token === this.#world.token || token === `Bot ${this.#world.token}`;
	}

	#close(connection: Connection, code: number): void {
		this.#unready(connection);
		connection.socket.close(code, CLOSE_REASONS[code] ?? '');
	}
}

interface IdentifyData {
	token?: unknown;
	intents?: unknown;
	shard?: unknown;
}

interface ResumeData {
	token?: unknown;
	session_id?: unknown;
	seq?: unknown;
}

function send(connection: Connection, payload: Record<string, unknown>): void {
	if (connection.socket.readyState !== WebSocket.OPEN) return;
	connection.socket.send(JSON.stringify({ s: null, t: null, ...payload }));
}
