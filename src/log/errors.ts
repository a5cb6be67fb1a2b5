// Errors as facts: what failed and where, never what was sent. A discord.js REST error carries the request
// body (a signer's name and city, a PNG) and a URL with the interaction token; pino's default serializer
// would copy both into the line.
// From discord.js, not @discordjs/rest: discord.js (CommonJS) throws the classes of the package's CommonJS build,
// and an ESM import of @discordjs/rest would get its ESM build, whose classes no instanceof would match.
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

export interface SerializedError {
	type: string;
	message: string;
	stack?: string;
	code?: number | string;
	status?: number;
	method?: string;
	/** The request's path with every id and token replaced: `/interactions/:id/:token/callback`. */
	route?: string;
	/** Discord's error tree (field paths and reasons, never the values) of a 50035 Invalid Form Body. */
	errors?: unknown;
	retryAfter?: number;
	global?: boolean;
	cause?: SerializedError | string;
}

const MAX_CAUSES = 3;

/** The route of a REST URL with its ids and tokens replaced, and no query string. */
export function routeOf(url: string): string {
	let path: string;
	try {
		path = new URL(url).pathname;
	} catch {
		path = url.split('?')[0] ?? '';
	}
	return path
		.replace(/^\/api(\/v\d+)?/, '')
		.replace(/\/(interactions|webhooks)\/[^/]+\/[^/]+/, '/$1/:id/:token')
		.replace(/\/\d{5,}(?=\/|$)/g, '/:id');
}

/** The pino serializer of `err` (and `error`): any thrown value, as facts only. */
export function serializeError(value: unknown, depth = 0): SerializedError | string {
	if (!(value instanceof Error)) return typeof value === 'string' ? value : String(value);
	const out: SerializedError = { type: value.name, message: value.message };
	if (value.stack) out.stack = value.stack;
	if (value instanceof DiscordAPIError) {
		Object.assign(out, { code: value.code, status: value.status, method: value.method, route: routeOf(value.url) });
		const errors = (value.rawError as { errors?: unknown }).errors;
		if (errors !== undefined) out.errors = errors;
	} else if (value instanceof HTTPError) {
		Object.assign(out, { status: value.status, method: value.method, route: routeOf(value.url) });
	} else if (value instanceof RateLimitError) {
		Object.assign(out, {
			method: value.method,
			route: routeOf(value.url),
			retryAfter: value.retryAfter,
			global: value.global,
		});
	} else {
		// Node's system errors and Prisma's carry a short code; every other own property is left out.
		const code = (value as { code?: unknown }).code;
		if (typeof code === 'string' || typeof code === 'number') out.code = code;
	}
	if (value.cause !== undefined && depth < MAX_CAUSES) out.cause = serializeError(value.cause, depth + 1);
	return out;
}
