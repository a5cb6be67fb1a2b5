import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { routeOf } from '../../src/log/errors.js';
import { capLine, MAX_LINE_BYTES, REDACTED, scrub } from '../../src/log/line.js';
import { turnBuffered } from '../../src/log/turnBuffer.js';
import { createLogger } from '../../src/log.js';
import { findProjectRoot } from '../../src/projectRoot.js';

const TOKEN = Buffer.from(`interaction:1300000000000000001:${'s'.repeat(64)}`).toString('base64url');
const API = 'http://127.0.0.1:9/api/v10';
const NAME = 'Ana Tijoux';
const CITY = 'Santiago de Chile';
const PNG = Buffer.alloc(61_000, 0x89);
const body = { body: { data: { embeds: [{ fields: [{ value: NAME }, { value: CITY }] }] } }, files: [] };

function logged(write: (log: ReturnType<typeof createLogger>) => void): {
	lines: string[];
	parsed: Record<string, unknown>[];
} {
	const lines: string[] = [];
	const log = createLogger({ level: 'trace', secrets: [], write: (line) => lines.push(line) });
	write(log);
	return { lines, parsed: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('error serializer (log/errors)', () => {
	it('keeps the facts of a refused reply (10062) and drops its body and token', () => {
		const error = new DiscordAPIError(
			{ code: 10062, message: 'Unknown interaction' },
			10062,
			404,
			'POST',
			`${API}/interactions/1300000000000000001/${TOKEN}/callback?with_response=false`,
			body,
		);
		const { lines, parsed } = logged((log) => log.warn({ err: error, ref: 'ab12cd34' }, 'could not answer'));
		expect(parsed[0]?.err).toMatchObject({
			type: 'DiscordAPIError[10062]',
			code: 10062,
			status: 404,
			method: 'POST',
			route: '/interactions/:id/:token/callback',
		});
		expect(lines[0]).not.toContain(NAME);
		expect(lines[0]).not.toContain(CITY);
		expect(lines[0]).not.toContain(TOKEN);
		expect(lines[0]).not.toContain('requestBody');
		expect(lines[0]).not.toContain('1300000000000000001');
	});

	it('keeps the error tree of an Invalid Form Body (50035), never the values', () => {
		const errors = {
			data: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
		};
		const error = new DiscordAPIError(
			{ code: 50035, message: 'Invalid Form Body', errors },
			50035,
			400,
			'PATCH',
			`${API}/webhooks/861234567890123456/${TOKEN}/messages/@original`,
			body,
		);
		const { lines, parsed } = logged((log) => log.error({ err: error }, 'interaction failed'));
		expect(parsed[0]?.err).toMatchObject({ code: 50035, route: '/webhooks/:id/:token/messages/@original', errors });
		expect(lines[0]).not.toContain(NAME);
		expect(lines[0]).not.toContain(TOKEN);
	});

	it('logs a failed post with a file as a short line without the file', () => {
		const error = new HTTPError(500, 'Internal Server Error', 'POST', `${API}/channels/1300000000000000002/messages`, {
			body: { content: 'x' },
			files: [{ name: 'milestone.png', data: PNG }],
		});
		const { lines, parsed } = logged((log) => log.warn({ err: error, guildId: '1' }, 'milestone post failed'));
		expect(parsed[0]?.err).toMatchObject({
			type: 'HTTPError',
			status: 500,
			method: 'POST',
			route: '/channels/:id/messages',
		});
		expect(Buffer.byteLength(lines[0] ?? '')).toBeLessThan(2048);
	});

	it('keeps the route and timing of a rate limit', () => {
		const error = new RateLimitError({
			timeToReset: 1000,
			limit: 5,
			method: 'POST',
			hash: 'h',
			url: `${API}/channels/1300000000000000002/messages`,
			route: '/channels/:id/messages',
			majorParameter: '1300000000000000002',
			global: false,
			retryAfter: 1000,
			sublimitTimeout: 0,
			scope: 'user',
		});
		const { parsed } = logged((log) => log.warn({ err: error }, 'rate limited'));
		expect(parsed[0]?.err).toMatchObject({ route: '/channels/:id/messages', retryAfter: 1000, global: false });
	});

	it('keeps a plain error’s message, stack and code, and its causes, but none of its other properties', () => {
		const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const error = Object.assign(new Error('failed', { cause }), { payload: { artistName: NAME } });
		const { lines, parsed } = logged((log) => log.error(error, 'boom'));
		expect(parsed[0]?.err).toMatchObject({ type: 'Error', message: 'failed', cause: { code: 'ECONNRESET' } });
		expect(lines[0]).toContain('"stack"');
		expect(lines[0]).not.toContain(NAME);
	});

	it.each([
		['https://discord.com/api/v10/interactions/123456789012345678/tok/callback', '/interactions/:id/:token/callback'],
		['https://discord.com/api/v10/webhooks/123456789012345678/tok', '/webhooks/:id/:token'],
		[
			'https://discord.com/api/v10/channels/123456789012345678/messages/223456789012345678',
			'/channels/:id/messages/:id',
		],
		['https://discord.com/api/v10/users/@me/channels', '/users/@me/channels'],
	])('route of %s is %s', (url, route) => {
		expect(routeOf(url)).toBe(route);
	});
});

describe('log lines (log/line)', () => {
	it('scrubs interaction and webhook tokens from any line', () => {
		const line = `{"msg":"retrying POST /api/v10/webhooks/861234567890123456/abc-DEF_123/messages/%40original and ${TOKEN}"}`;
		const out = scrub(line, []);
		expect(out).not.toContain('abc-DEF_123');
		expect(out).not.toContain(TOKEN);
		expect(out).toContain(`/webhooks/861234567890123456/${REDACTED}/messages`);
	});

	it('cuts a line over 8 KB into a valid JSON line that says so, keeping level, time, message and short fields', () => {
		const { lines, parsed } = logged((log) =>
			log.warn({ guildId: '1300000000000000003', png: PNG.toString('base64') }, 'milestone post failed'),
		);
		expect(Buffer.byteLength(lines[0] ?? '')).toBeLessThanOrEqual(MAX_LINE_BYTES);
		expect(lines[0]?.endsWith('\n')).toBe(true);
		expect(parsed[0]).toMatchObject({ level: 40, msg: 'milestone post failed', guildId: '1300000000000000003' });
		expect(parsed[0]?.time).toEqual(expect.any(Number));
		expect(parsed[0]?.truncated).toMatchObject({ max: MAX_LINE_BYTES, bytes: expect.any(Number) });
		expect(parsed[0]).not.toHaveProperty('png');
	});

	it('keeps a line within the cap as it is, and caps one made of many short fields too', () => {
		const short = '{"level":30,"msg":"ok"}\n';
		expect(capLine(short)).toBe(short);
		const many = JSON.stringify({
			level: 30,
			time: 1,
			msg: 'm'.repeat(5000),
			...Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])),
		});
		const capped = capLine(`${many}\n`);
		expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(MAX_LINE_BYTES);
		expect(JSON.parse(capped)).toMatchObject({ level: 30, time: 1, truncated: expect.any(Object) });
	});

	it('counts the bytes of a line that may be over the cap: long ASCII stays, as many multi-byte characters are cut', () => {
		const ascii = `{"msg":"${'a'.repeat(3000)}"}\n`; // 3,011 bytes, though 3 × its length is over 8 KB
		expect(capLine(ascii)).toBe(ascii);
		const euros = `{"msg":"${'€'.repeat(2800)}"}\n`; // 8,411 bytes in 2,811 UTF-16 units
		expect(JSON.parse(capLine(euros))).toMatchObject({ truncated: { bytes: Buffer.byteLength(euros) } });
	});

	it('replaces a secret wherever it stands, and returns a line with nothing to replace unchanged', () => {
		const secret = 'a-bot-token-0123456789';
		expect(scrub(`{"a":"${secret}","b":"x${secret}y"}`, [secret])).toBe(`{"a":"${REDACTED}","b":"x${REDACTED}y"}`);
		const clean = '{"level":30,"msg":"pledge signed","guildId":"1300000000000000003"}\n';
		expect(scrub(clean, [secret])).toBe(clean);
	});
});

describe('stdout lines (log/turnBuffer)', () => {
	const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

	it('writes the first line of a turn at once and the rest of the turn in one write on the next turn, in order', async () => {
		const chunks: string[] = [];
		const lines = turnBuffered((chunk) => chunks.push(chunk));
		lines.write('ready\n');
		expect(chunks).toEqual(['ready\n']);
		lines.write('a\n');
		lines.write('b\n');
		expect(chunks).toEqual(['ready\n']);
		await nextTurn();
		expect(chunks).toEqual(['ready\n', 'a\nb\n']);
		await nextTurn();
		lines.write('c\n');
		expect(chunks).toEqual(['ready\n', 'a\nb\n', 'c\n']);
	});

	it('flush writes what waits at once, in order, and nothing twice', async () => {
		const chunks: string[] = [];
		const lines = turnBuffered((chunk) => chunks.push(chunk));
		lines.write('shutting down\n');
		lines.write('stopped\n');
		lines.flush();
		expect(chunks).toEqual(['shutting down\n', 'stopped\n']);
		lines.flush();
		await nextTurn();
		expect(chunks).toEqual(['shutting down\n', 'stopped\n']);
	});

	it('writes what waits after the urgent line, then that line, at once', () => {
		const chunks: string[] = [];
		const lines = turnBuffered((chunk) => chunks.push(chunk));
		lines.write('a\n');
		lines.write('b\n');
		lines.writeNow('failed\n');
		expect(chunks).toEqual(['a\n', 'b\n', 'failed\n']);
	});

	/** The messages a child process running the built logger (dist/src/log.js: npm test builds first) printed. */
	const childLogs = (statements: string) => {
		const built = pathToFileURL(path.join(findProjectRoot(import.meta.dirname), 'dist/src/log.js')).href;
		const script = `import { createLogger } from '${built}';
			const log = createLogger({ level: 'info', secrets: [] });
			${statements}`;
		const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
		const messages = child.stdout
			.trim()
			.split('\n')
			.map((line) => (JSON.parse(line) as { msg: string }).msg);
		return { status: child.status, signal: child.signal, messages };
	};

	it('writes the lines still waiting when the process exits', () => {
		expect(childLogs("log.info('shutting down'); log.info('stopped'); process.exit(0);")).toEqual({
			status: 0,
			signal: null,
			messages: ['shutting down', 'stopped'],
		});
	});

	it('writes a warning at once with the lines before it: a kill that skips exit loses only the lines waiting since', () => {
		// After the warning the next line is again the first of its turn, written at once; the one after it waits.
		const statements =
			"log.info('a'); log.info('b'); log.warn('c'); log.info('d'); log.info('e'); process.kill(process.pid, 'SIGKILL');";
		expect(childLogs(statements)).toMatchObject({ signal: 'SIGKILL', messages: ['a', 'b', 'c', 'd'] });
	});
});
