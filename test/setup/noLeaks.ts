// Vitest setup file: after every test file, checks every log line the bot wrote in that file (each harness and
// each bot process registered in ./logSources.ts) against what the file's Discord double(s) know is sensitive
// (DESIGN.md: logs carry no signer detail, user id, username or interaction token; no line over 8 KB):
//
// - the user id, username and global name of every member seen in an interaction (moderators included);
// - every interaction token;
// - every `artist_name` and `city` option value a member sent.
//
// Guild, channel, message, interaction and flag ids are fine. Values too short to be told apart from ordinary
// text (under 4 characters; ids under 15 digits) are left out. As in ./noPings.ts, the double's own tests are
// exempt. A violation fails the file with every offending line, the sensitive value masked.
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import type { DiscordDouble } from '../double/index.js';
import { allDoubles } from '../double/registry.js';
import { allLogSources } from './logSources.js';

const MAX_LINE_BYTES = 8 * 1024;
const MIN_TEXT = 4;
const EXEMPT = `${path.sep}test${path.sep}double${path.sep}`;
const SIGNER_OPTIONS = new Set(['artist_name', 'city']);

type Kind = 'user id' | 'username' | 'interaction token' | 'artist_name/city';

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
function sensitiveOf(double: DiscordDouble): Map<string, Kind> {
	const found = new Map<string, Kind>();
	const add = (value: unknown, kind: Kind) => {
		if (typeof value !== 'string') return;
		if (kind === 'user id' ? !/^\d{15,}$/.test(value) : value.trim().length < MIN_TEXT) return;
		if (!found.has(value)) found.set(value, kind);
	};
	const users = [...double.users.values()].filter((user) => user.id !== double.botUserId);
	for (const sent of double.dispatched) {
		add(sent.token, 'interaction token');
		const user = userOf(sent.payload);
		if (user && user.id !== double.botUserId) users.push(user as never);
		const values = new Set<string>();
		if (isObject(sent.payload.data)) signerValues(sent.payload.data.options, values);
		for (const value of values) add(value, 'artist_name/city');
	}
	for (const user of users) {
		add(user.id, 'user id');
		add(user.username, 'username');
		add(user.global_name, 'username');
	}
	return found;
}

/** A user id counts only as a whole number, not inside a longer one. */
function occurs(line: string, value: string, kind: Kind): boolean {
	if (kind !== 'user id') return line.includes(value);
	return new RegExp(`(?<!\\d)${value}(?!\\d)`).test(line);
}

const masked = (line: string, value: string) => line.split(value).join('«…»').slice(0, 300);

afterAll(() => {
	const file = expect.getState().testPath ?? '';
	const sources = [...allLogSources];
	if (file.includes(EXEMPT)) return;
	const sensitive = new Map<string, Kind>();
	for (const double of allDoubles) for (const [value, kind] of sensitiveOf(double)) sensitive.set(value, kind);
	const offending: string[] = [];
	for (const source of sources) {
		for (const line of source.lines()) {
			const bytes = Buffer.byteLength(line);
			if (bytes > MAX_LINE_BYTES)
				offending.push(`line of ${bytes} bytes (max ${MAX_LINE_BYTES}): ${line.slice(0, 200)}`);
			for (const [value, kind] of sensitive) {
				if (occurs(line, value, kind)) offending.push(`${kind} in: ${masked(line, value)}`);
			}
		}
	}
	if (offending.length > 0) {
		throw new Error(`${offending.length} log line problem(s):\n  ${offending.slice(0, 30).join('\n  ')}`);
	}
});
