// What the log check of test/setup/noLeaks.ts looks for: the sensitive values a Discord double saw, and the
// problems of a list of log lines (a sensitive value in a line, a line over 8 KB). Pure, unit-tested.
import type { DiscordDouble } from '../double/index.js';

export const MAX_LINE_BYTES = 8 * 1024;
const MIN_TEXT = 4;
const SIGNER_OPTIONS = new Set(['artist_name', 'city']);

export type Kind = 'user id' | 'username' | 'interaction token' | 'artist_name/city';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The option values named artist_name or city, at any depth below subcommands. */
function signerValues(options: unknown, into: Set<string>): void {
	if (!Array.isArray(options)) return;
	for (const option of options) {
		if (!isObject(option)) continue;
		if (typeof option.name === 'string' && SIGNER_OPTIONS.has(option.name) && typeof option.value === 'string') {
			into.add(option.value);
		}
		signerValues(option.options, into);
	}
}

function userOf(payload: Record<string, unknown>): Record<string, unknown> | undefined {
	const member = payload.member;
	if (isObject(member) && isObject(member.user)) return member.user;
	return isObject(payload.user) ? payload.user : undefined;
}

/** What must not appear in a log, from everything this double saw. */
export function sensitiveOf(double: Pick<DiscordDouble, 'users' | 'dispatched' | 'botUserId'>): Map<string, Kind> {
	const found = new Map<string, Kind>();
	const add = (value: unknown, kind: Kind) => {
		if (typeof value !== 'string') return;
		if (kind === 'user id' ? !/^\d{15,}$/.test(value) : value.trim().length < MIN_TEXT) return;
		if (!found.has(value)) found.set(value, kind);
	};
	// The users the double knew, and those of forged payloads it never parsed; the bot itself is no member.
	const users: Record<string, unknown>[] = [...double.users.values()].map((user) => ({ ...user }));
	for (const sent of double.dispatched) {
		add(sent.token, 'interaction token');
		const user = userOf(sent.payload);
		if (user) users.push(user);
		const values = new Set<string>();
		if (isObject(sent.payload.data)) signerValues(sent.payload.data.options, values);
		for (const value of values) add(value, 'artist_name/city');
	}
	for (const user of users) {
		if (user.id === double.botUserId) continue;
		add(user.id, 'user id');
		add(user.username, 'username');
		add(user.global_name, 'username');
	}
	return found;
}

// A value counts only as a whole: not inside a longer number, word or token, so a short name such as "Oslo" is
// found where it leaks but a fuzzed "Info" does not match a stack trace's "getInfo".
const EDGES: Record<Kind, string> = {
	'user id': '\\d',
	'interaction token': '[A-Za-z0-9_\\-]',
	username: '[\\p{L}\\p{N}_]',
	'artist_name/city': '[\\p{L}\\p{N}_]',
};
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Finds the value as written, or as JSON writes it inside a string (quotes, backslashes, controls escaped). */
function matcher(value: string, kind: Kind): RegExp {
	const edge = EDGES[kind];
	const forms = [...new Set([value, JSON.stringify(value).slice(1, -1)])].map(escaped).join('|');
	return new RegExp(`(?<!${edge})(?:${forms})(?!${edge})`, 'u');
}

const masked = (line: string, found: RegExp) => line.replace(new RegExp(found.source, 'gu'), '«…»').slice(0, 300);

/** Every problem of these lines: each line over 8 KB, and each sensitive value found (masked in the report). */
export function logProblems(lines: Iterable<string>, sensitive: ReadonlyMap<string, Kind>): string[] {
	const matchers = [...sensitive].map(([value, kind]) => ({ kind, re: matcher(value, kind) }));
	const problems: string[] = [];
	for (const line of lines) {
		const bytes = Buffer.byteLength(line);
		if (bytes > MAX_LINE_BYTES) problems.push(`line of ${bytes} bytes (max ${MAX_LINE_BYTES}): ${line.slice(0, 200)}`);
		for (const { kind, re } of matchers) {
			if (re.test(line)) problems.push(`${kind} in: ${masked(line, re)}`);
		}
	}
	return problems;
}
