// Tracks dispatched interactions and what the bot answered: the initial callback, edits of @original, follow-ups.
import { performance } from 'node:perf_hooks';
import type { APIMessage } from 'discord-api-types/v10';
import type { MessageBody, ReceivedFile } from './payloads.js';

export interface SentInteraction {
	id: string;
	token: string;
	/** InteractionType: 2 command, 3 component, 5 modal submit, … */
	type: number;
	/** The INTERACTION_CREATE `d` as dispatched. */
	payload: Record<string, unknown>;
	/** performance.now() at dispatch. */
	at: number;
}

/** The callback's data: message fields for types 4/7, modal fields for 9, choices for 8. */
export interface CallbackData extends MessageBody {
	custom_id?: string;
	title?: string;
	choices?: unknown[];
}

export interface InteractionResponse {
	type: number;
	data: CallbackData | undefined;
	/** performance.now() when the callback was accepted. */
	at: number;
	files: ReceivedFile[];
}

export interface ReplyView {
	type: number;
	/** The callback data with every edit of @original received so far merged over it. */
	data: CallbackData;
	ephemeral: boolean;
	/** ms from dispatch to the initial callback. */
	latency: number;
	/** ms from dispatch to the moment the reply became what `data` shows first (the first edit for deferrals). */
	replyLatency: number;
}

export interface InteractionLog {
	callback?: InteractionResponse;
	/** PATCH bodies of @original, in order. */
	edits: unknown[];
	/** POST bodies of follow-ups, in order. */
	followUps: unknown[];
}

export interface Tracked {
	sent: SentInteraction;
	callback?: InteractionResponse;
	edits: unknown[];
	followUps: unknown[];
	/** Bodies that changed @original after the callback (edits, or the first follow-up of a deferral), with times. */
	originalUpdates: Array<{ body: unknown; at: number }>;
	/** The @original message once there is one (the reply, the deferral, or the updated component message). */
	original?: APIMessage;
	followUpMessages: Map<string, APIMessage>;
	listeners: Set<() => void>;
}

const EPHEMERAL = 64;
const DEFERRED_TYPES = new Set([5, 6]);

export class InteractionTracker {
	readonly #byId = new Map<string, Tracked>();
	readonly #byToken = new Map<string, Tracked>();
	readonly #pending = new Set<(error: Error) => void>();

	track(payload: Record<string, unknown>): SentInteraction {
		const sent: SentInteraction = {
			id: typeof payload.id === 'string' ? payload.id : '',
			token: typeof payload.token === 'string' ? payload.token : '',
			type: typeof payload.type === 'number' ? payload.type : 0,
			payload,
			at: performance.now(),
		};
		if (sent.id && sent.token) {
			const tracked: Tracked = {
				sent,
				edits: [],
				followUps: [],
				originalUpdates: [],
				followUpMessages: new Map(),
				listeners: new Set(),
			};
			this.#byId.set(sent.id, tracked);
			this.#byToken.set(sent.token, tracked);
		}
		return sent;
	}

	byId(id: string): Tracked | undefined {
		return this.#byId.get(id);
	}

	byToken(token: string): Tracked | undefined {
		return this.#byToken.get(token);
	}

	changed(tracked: Tracked): void {
		for (const listener of [...tracked.listeners]) listener();
	}

	log(sent: SentInteraction): InteractionLog {
		const tracked = this.#require(sent);
		const log: InteractionLog = { edits: [...tracked.edits], followUps: [...tracked.followUps] };
		if (tracked.callback) log.callback = tracked.callback;
		return log;
	}

	waitForResponse(sent: SentInteraction, timeoutMs = 5000): Promise<InteractionResponse> {
		const tracked = this.#require(sent);
		return this.#waitFor(tracked, timeoutMs, 'an initial callback', () => tracked.callback);
	}

	waitForReply(sent: SentInteraction, timeoutMs = 5000): Promise<ReplyView> {
		const tracked = this.#require(sent);
		return this.#waitFor(tracked, timeoutMs, 'a reply', () => replyView(tracked));
	}

	/** Rejects every pending wait: the double is shutting down. */
	closeAll(): void {
		for (const reject of [...this.#pending]) reject(new Error('The Discord double was closed'));
	}

	#require(sent: SentInteraction): Tracked {
		const tracked = this.#byId.get(sent.id);
		if (!tracked) throw new Error(`Interaction ${sent.id || '(no id)'} is not tracked: it needs an id and a token`);
		return tracked;
	}

	#waitFor<T>(tracked: Tracked, timeoutMs: number, what: string, check: () => T | undefined): Promise<T> {
		const ready = check();
		if (ready !== undefined) return Promise.resolve(ready);
		return new Promise<T>((resolve, reject) => {
			const listener = (): void => {
				const value = check();
				if (value === undefined) return;
				cleanup();
				resolve(value);
			};
			const fail = (error: Error): void => {
				cleanup();
				reject(error);
			};
			const timer = setTimeout(
				() =>
					fail(new Error(`Interaction ${tracked.sent.id}: no ${what} within ${timeoutMs} ms (${describe(tracked)})`)),
				timeoutMs,
			);
			const cleanup = (): void => {
				clearTimeout(timer);
				tracked.listeners.delete(listener);
				this.#pending.delete(fail);
			};
			tracked.listeners.add(listener);
			this.#pending.add(fail);
		});
	}
}

function replyView(tracked: Tracked): ReplyView | undefined {
	const callback = tracked.callback;
	if (!callback) return undefined;
	const deferred = DEFERRED_TYPES.has(callback.type);
	const firstUpdate = tracked.originalUpdates[0];
	if (deferred && !firstUpdate) return undefined;
	const data: CallbackData = { ...(callback.data ?? {}) };
	for (const update of tracked.originalUpdates) Object.assign(data, update.body);
	const latency = callback.at - tracked.sent.at;
	const shownAt = deferred ? (firstUpdate?.at ?? callback.at) : callback.at;
	return {
		type: callback.type,
		data,
		ephemeral: ((callback.data?.flags ?? 0) & EPHEMERAL) !== 0,
		latency,
		replyLatency: shownAt - tracked.sent.at,
	};
}

function describe(tracked: Tracked): string {
	if (!tracked.callback) return 'no callback received';
	return `callback type ${tracked.callback.type}, ${tracked.edits.length} edit(s), ${tracked.followUps.length} follow-up(s)`;
}
