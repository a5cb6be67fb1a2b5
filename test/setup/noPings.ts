// Vitest setup file: after every test file, checks every REST request that any Discord double started in
// that file recorded. Each payload that creates or edits a message must set allowed_mentions so that no
// user text pings anyone (DESIGN.md: "Every reply and post sets allowed_mentions"): `parse` an empty
// array, and no `users` or `roles` entries. A violation fails the file with the list of offending requests.
//
// Covered payloads: interaction callbacks of type 4/7 with data, interaction webhooks (follow-up POST,
// PATCH of @original or a follow-up), POST /channels/:id/messages and PATCH /channels/:id/messages/:id.
// Multipart bodies are recorded by the double as their parsed payload_json.
//
// The double's own tests (test/double/) drive a bare discord.js client rather than the bot, so they are
// left out; everything else (test/e2e/ and any future file that starts a double) is checked.
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import type { RecordedRequest } from '../double/index.js';
import { allDoubles } from '../double/registry.js';

const CALLBACK = /^\/interactions\/[^/]+\/[^/]+\/callback$/;
const FOLLOW_UP = /^\/webhooks\/[^/]+\/[^/]+$/;
const WEBHOOK_MESSAGE = /^\/webhooks\/[^/]+\/[^/]+\/messages\/[^/]+$/;
const CHANNEL_MESSAGES = /^\/channels\/[^/]+\/messages$/;
const CHANNEL_MESSAGE = /^\/channels\/[^/]+\/messages\/[^/]+$/;
const EXEMPT = `${path.sep}test${path.sep}double${path.sep}`;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The message payload a request sends, or undefined when it neither creates nor edits a message. */
function messagePayload(request: RecordedRequest): { payload: unknown } | undefined {
	const { method, path: route, body } = request;
	if (method === 'POST' && CALLBACK.test(route)) {
		if (!isObject(body) || (body.type !== 4 && body.type !== 7) || body.data === undefined) return undefined;
		return { payload: body.data };
	}
	if ((method === 'POST' && FOLLOW_UP.test(route)) || (method === 'PATCH' && WEBHOOK_MESSAGE.test(route))) {
		return { payload: body };
	}
	if ((method === 'POST' && CHANNEL_MESSAGES.test(route)) || (method === 'PATCH' && CHANNEL_MESSAGE.test(route))) {
		return { payload: body };
	}
	return undefined;
}

/** Why this payload could ping someone, or undefined when it cannot. */
function pingProblem(payload: unknown): string | undefined {
	if (!isObject(payload)) return 'no JSON payload (allowed_mentions missing)';
	const mentions = payload.allowed_mentions;
	if (!isObject(mentions)) return `allowed_mentions missing (${JSON.stringify(mentions)})`;
	if (!Array.isArray(mentions.parse) || mentions.parse.length > 0) {
		return `allowed_mentions.parse is ${JSON.stringify(mentions.parse)}, expected []`;
	}
	for (const key of ['users', 'roles'] as const) {
		const list = mentions[key];
		if (list !== undefined && (!Array.isArray(list) || list.length > 0)) {
			return `allowed_mentions.${key} is ${JSON.stringify(list)}, expected none`;
		}
	}
	return undefined;
}

/** Interaction tokens are long; keep the path readable. */
const readable = (route: string) => route.replace(/[A-Za-z0-9_-]{60,}/g, (token) => `${token.slice(0, 12)}…`);

afterAll(() => {
	const file = expect.getState().testPath ?? '';
	// Not cleared: vitest gives each file its own module state, and test/setup/noLeaks.ts reads the same set.
	const doubles = [...allDoubles];
	if (file.includes(EXEMPT)) return;
	const offending: string[] = [];
	for (const double of doubles) {
		for (const request of double.requests) {
			const sent = messagePayload(request);
			if (!sent) continue;
			const problem = pingProblem(sent.payload);
			if (problem) offending.push(`${request.method} ${readable(request.path)} (status ${request.status}): ${problem}`);
		}
	}
	if (offending.length > 0) {
		throw new Error(
			`${offending.length} message payload(s) without allowed_mentions that ping nobody:\n  ${offending.join('\n  ')}`,
		);
	}
});
