// The REST half of the double: routing, auth, recording, injected faults and delays, rate-limit headers.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { boundaryOf, parseMultipart } from './multipart.js';
import type { ReceivedFile } from './payloads.js';

export interface RecordedFile {
	name: string;
	contentType: string;
	data: Buffer;
}

export interface RecordedRequest {
	method: string;
	/** Decoded, without the /api/v10 prefix, query stripped: `/webhooks/1/tok/messages/@original`. */
	path: string;
	query: Record<string, string>;
	/** Lower-cased header names. */
	headers: Record<string, string>;
	/** Parsed JSON; for multipart the parsed payload_json; undefined without a body. */
	body: unknown;
	files: RecordedFile[];
	/** performance.now() when the request arrived. */
	at: number;
	/** The status the double answered with (set once answered). */
	status?: number;
}

export interface FaultRule {
	method?: string;
	path: RegExp;
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	times?: number;
}

export interface DelayRule {
	method?: string;
	path: RegExp;
	ms: number;
	times?: number;
}

export interface RestRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	body: unknown;
	files: ReceivedFile[];
}

export interface RestReply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type RouteHandler = (request: RestRequest, params: Record<string, string>) => RestReply | Promise<RestReply>;

export interface Route {
	method: string;
	/** Like `/channels/:channelId/messages`; the first param is the rate-limit major parameter. */
	pattern: string;
	/** false for interaction callbacks and webhooks, which Discord authenticates by token in the path. */
	auth: boolean;
	handler: RouteHandler;
	/** Requests per window this route claims in its rate-limit headers; default 50 per 1 s. */
	limit?: number;
	windowSeconds?: number;
}

interface CompiledRoute extends Route {
	regex: RegExp;
	bucket: string;
}

export const API_PREFIX = '/api/v10';

export function discordError(status: number, code: number, message: string): RestReply {
	return { status, body: { message, code } };
}

const NOT_FOUND = discordError(404, 0, '404: Not Found');
const METHOD_NOT_ALLOWED = discordError(405, 0, '405: Method Not Allowed');
const UNAUTHORIZED = discordError(401, 0, '401: Unauthorized');
const INVALID_JSON = discordError(400, 50109, 'The request body contains invalid JSON.');

export class RestServer {
	readonly requests: RecordedRequest[] = [];
	readonly #routes: CompiledRoute[];
	readonly #token: string;
	readonly #faults: Array<FaultRule & { left: number }> = [];
	readonly #delays: Array<DelayRule & { left: number }> = [];
	readonly #windows = new Map<string, { startedAt: number; count: number }>();

	constructor(routes: Route[], token: string) {
		this.#routes = routes.map((route) => ({
			...route,
			regex: new RegExp(`^${route.pattern.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
			bucket: createHash('sha1').update(`${route.method} ${route.pattern}`).digest('hex').slice(0, 32),
		}));
		this.#token = token;
	}

	failNext(rule: FaultRule): void {
		this.#faults.push({ ...rule, left: rule.times ?? 1 });
	}

	delay(rule: DelayRule): void {
		this.#delays.push({ ...rule, left: rule.times ?? 1 });
	}

	readonly listener = (request: IncomingMessage, response: ServerResponse): void => {
		this.#handle(request, response).catch((error: unknown) => {
			if (!response.headersSent) {
				send(response, { status: 500, body: { message: `500: Internal Server Error (${String(error)})`, code: 0 } });
			}
		});
	};

	async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const at = performance.now();
		const raw = await readBody(request);
		const url = new URL(request.url ?? '/', 'http://double.invalid');
		const decoded = url.pathname.split('/').map(safeDecode).join('/');
		const path = decoded.startsWith(`${API_PREFIX}/`) ? decoded.slice(API_PREFIX.length) : decoded;
		const method = (request.method ?? 'GET').toUpperCase();
		const parsed = parseBody(request.headers['content-type'] ?? '', raw);
		const record: RecordedRequest = {
			method,
			path,
			query: Object.fromEntries(url.searchParams),
			headers: headersOf(request),
			body: parsed.body,
			files: parsed.files.map(({ name, contentType, data }) => ({ name, contentType, data })),
			at,
		};
		this.requests.push(record);

		const delay = take(this.#delays, method, path);
		if (delay) await sleep(delay.ms);

		const reply = await this.#reply(method, path, decoded, request, url.searchParams, parsed);
		record.status = reply.status;
		send(response, reply);
	}

	async #reply(
		method: string,
		path: string,
		decoded: string,
		request: IncomingMessage,
		query: URLSearchParams,
		parsed: ParsedBody,
	): Promise<RestReply> {
		const fault = take(this.#faults, method, path);
		if (fault) return faultReply(fault);
		if (!decoded.startsWith(`${API_PREFIX}/`)) return NOT_FOUND;
		const matches = this.#routes.filter((route) => route.regex.test(path));
		const route = matches.find((candidate) => candidate.method === method);
		if (!route) return matches.length > 0 ? METHOD_NOT_ALLOWED : NOT_FOUND;
		if (route.auth && request.headers.authorization !== `Bot ${this.#token}`) return UNAUTHORIZED;
		if (parsed.invalidJson) return INVALID_JSON;
		const params = { ...(route.regex.exec(path)?.groups ?? {}) };
		const reply = await route.handler({ method, path, query, body: parsed.body, files: parsed.files }, params);
		const major = Object.values(params)[0] ?? '';
		return { ...reply, headers: { ...this.#rateLimitHeaders(route, major), ...(reply.headers ?? {}) } };
	}

	/** Plausible headers that never report an exhausted bucket, so discord.js never waits on them. */
	#rateLimitHeaders(route: CompiledRoute, major: string): Record<string, string> {
		const limit = route.limit ?? 50;
		const windowMs = (route.windowSeconds ?? 1) * 1000;
		const key = `${route.bucket}:${major}`;
		const now = Date.now();
		if (this.#windows.size > 10_000) {
			// Per-interaction buckets pile up under load; expired windows carry nothing worth keeping.
			for (const [stale, entry] of this.#windows) if (now - entry.startedAt >= 60_000) this.#windows.delete(stale);
		}
		let window = this.#windows.get(key);
		if (!window || now - window.startedAt >= windowMs) {
			window = { startedAt: now, count: 0 };
			this.#windows.set(key, window);
		}
		window.count += 1;
		const resetAfter = (window.startedAt + windowMs - now) / 1000;
		return {
			'x-ratelimit-limit': String(limit),
			'x-ratelimit-remaining': String(Math.max(1, limit - window.count)),
			'x-ratelimit-reset': ((now + resetAfter * 1000) / 1000).toFixed(3),
			'x-ratelimit-reset-after': resetAfter.toFixed(3),
			'x-ratelimit-bucket': route.bucket,
		};
	}
}

function take<Rule extends { method?: string; path: RegExp; left: number }>(
	rules: Rule[],
	method: string,
	path: string,
): Rule | undefined {
	const index = rules.findIndex(
		(rule) =>
			rule.left > 0 && (rule.method === undefined || rule.method.toUpperCase() === method) && rule.path.test(path),
	);
	const rule = rules[index];
	if (!rule) return undefined;
	rule.left -= 1;
	if (rule.left <= 0) rules.splice(index, 1);
	return rule;
}

/** The response of an injected fault, with the body and headers Discord would send for that status. */
function faultReply(rule: FaultRule): RestReply {
	const body = rule.body ?? defaultFaultBody(rule.status);
	const headers: Record<string, string> = {};
	if (rule.status === 429) {
		const info = (typeof body === 'object' && body !== null ? body : {}) as { retry_after?: unknown; global?: unknown };
		const retryAfter = typeof info.retry_after === 'number' ? info.retry_after : 0.1;
		const now = Date.now();
		Object.assign(headers, {
			'retry-after': String(retryAfter),
			'x-ratelimit-limit': '5',
			'x-ratelimit-remaining': '0',
			'x-ratelimit-reset': ((now + retryAfter * 1000) / 1000).toFixed(3),
			'x-ratelimit-reset-after': retryAfter.toFixed(3),
			'x-ratelimit-scope': info.global === true ? 'global' : 'user',
		});
		if (info.global === true) headers['x-ratelimit-global'] = 'true';
	}
	return { status: rule.status, body, headers: { ...headers, ...lowerKeys(rule.headers ?? {}) } };
}

function defaultFaultBody(status: number): unknown {
	switch (status) {
		case 400:
			return { message: '400: Bad Request', code: 0 };
		case 401:
			return { message: '401: Unauthorized', code: 0 };
		case 403:
			return { message: 'Missing Permissions', code: 50013 };
		case 404:
			return { message: '404: Not Found', code: 0 };
		case 429:
			return { message: 'You are being rate limited.', retry_after: 0.1, global: false };
		case 502:
			return { message: '502: Bad Gateway', code: 0 };
		default:
			return status >= 500 ? { message: '500: Internal Server Error', code: 0 } : { message: `${status}`, code: 0 };
	}
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

function send(response: ServerResponse, reply: RestReply): void {
	const headers: Record<string, string> = { ...(reply.headers ?? {}) };
	if (reply.status === 204 || reply.body === undefined) {
		response.writeHead(reply.status, headers).end();
		return;
	}
	const payload = JSON.stringify(reply.body);
	headers['content-type'] = 'application/json';
	headers['content-length'] = String(Buffer.byteLength(payload));
	response.writeHead(reply.status, headers).end(payload);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function headersOf(request: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(request.headers)) {
		if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

interface ParsedBody {
	body: unknown;
	files: ReceivedFile[];
	invalidJson: boolean;
}

function parseBody(contentType: string, raw: Buffer): ParsedBody {
	if (raw.length === 0) return { body: undefined, files: [], invalidJson: false };
	const boundary = contentType.toLowerCase().startsWith('multipart/form-data') ? boundaryOf(contentType) : undefined;
	if (boundary === undefined) return parseJson(raw.toString('utf8'), []);
	const files: ReceivedFile[] = [];
	let payloadJson: string | undefined;
	for (const part of parseMultipart(raw, boundary)) {
		if (part.name === 'payload_json') payloadJson = part.data.toString('utf8');
		else if (part.filename !== undefined || part.name.startsWith('files[')) {
			files.push({
				field: part.name,
				name: part.filename ?? part.name,
				contentType: part.contentType ?? 'application/octet-stream',
				data: part.data,
			});
		}
	}
	return payloadJson === undefined ? { body: undefined, files, invalidJson: false } : parseJson(payloadJson, files);
}

function parseJson(text: string, files: ReceivedFile[]): ParsedBody {
	try {
		return { body: JSON.parse(text) as unknown, files, invalidJson: false };
	} catch {
		return { body: text, files, invalidJson: true };
	}
}
