// Holding up under faults: gateway drops and lost sessions, REST errors and rate limits on the reply, a reply
// Discord refuses, a token Discord stops accepting after start-up, and secrets that never reach logs or members.
import { randomBytes } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, type TestContext, vi } from 'vitest';
import { pseudonym } from '../../src/db/pseudonym.js';
import { type DiscordDouble, type SentInteraction, startDiscordDouble } from '../double/index.js';
import { waitFor } from '../support/waitFor.js';
import { type Harness, startHarness, str, TEST_SIGNER_KEY, textOf } from './harness.js';
import { type RunningBot, startBotProcess } from './support/bot-process.js';

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

let userSeq = 0;
/** A fresh 18-digit user id per call: every test signs as someone new. */
const freshUser = () => ({ id: `81${String(Date.now()).slice(-7)}${String(100_000_000 + userSeq++).slice(1)}` });

/** The REST requests the bot made to answer this interaction (callback, edits, follow-ups), in order. */
const repliesTo = (double: DiscordDouble, sent: SentInteraction) =>
	double.requests.filter(
		(r) =>
			r.path.startsWith(`/interactions/${sent.id}/`) ||
			r.path.startsWith(`/webhooks/${double.applicationId}/${sent.token}`),
	);

/** The double has answered `n` of the bot's requests for this interaction (it records a status once sent). */
const answered = (sent: SentInteraction, n: number) => {
	const replies = repliesTo(h.double, sent);
	return replies.length >= n && replies.every((r) => r.status !== undefined);
};

/** A measured time, kept on the test (JUnit and verbose reporters show it; a passing default run prints nothing). */
const timing = (context: TestContext, what: string, ms: number) => context.annotate(`${what}: ${Math.round(ms)} ms`);

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(async () => {
	await h?.close();
});

const rowsOf = (userId: string) => h.db.signature.count({ where: { signerKey: pseudonym(TEST_SIGNER_KEY, userId) } });
const sign = (user: { id: string }, city = 'Detroit') =>
	h.double.sendCommand({ name: 'pledge', subcommand: 'sign', options: [str('city', city)], user });

/**
 * A copy of an interaction the double built, under a new id and token chosen before it is dispatched, so a
 * fault can be aimed at exactly this interaction's routes.
 */
function forgeFrom(template: SentInteraction, userId: string) {
	const payload = structuredClone(template.payload) as Record<string, unknown> & { member: { user: { id: string } } };
	const id = (BigInt(template.id) + 1_000n + BigInt(userSeq++)).toString();
	payload.id = id;
	payload.token = `forged-${randomBytes(24).toString('base64url')}`;
	payload.member.user.id = userId;
	return { id, payload };
}

describe('gateway faults', () => {
	const resumable: [string, (d: DiscordDouble) => void][] = [
		['a dropped connection (1006)', (d) => d.closeGateway(1006)],
		['close 4000 (unknown error)', (d) => d.closeGateway(4000)],
		['op 7 RECONNECT', (d) => d.sendReconnect()],
		['a resumable INVALID_SESSION (op 9, true)', (d) => d.sendInvalidSession(true)],
	];

	it.for(resumable)('resumes after %s and answers the next /pledge sign', async ([name, fault], context) => {
		const { resumeCount, identifyCount } = h.double;
		const user = freshUser();
		const at = performance.now();
		fault(h.double);
		const sent = sign(user); // queued by the double while no session is ready, delivered on RESUMED
		await h.double.waitForReady(5000);
		await timing(context, `resume after ${name}`, performance.now() - at);
		const reply = await h.double.waitForReply(sent, 5000);
		await timing(context, `reply after ${name}`, performance.now() - at);
		expect(h.double.resumeCount).toBe(resumeCount + 1);
		expect(h.double.identifyCount).toBe(identifyCount); // resumed, not a new session
		expect(textOf(reply.data)).toContain('You signed the pledge');
		expect(await rowsOf(user.id)).toBe(1);
	});

	it('identifies afresh after a non-resumable INVALID_SESSION (op 9, false) and answers afterwards', async (context) => {
		const { resumeCount, identifyCount } = h.double;
		const user = freshUser();
		const at = performance.now();
		h.double.sendInvalidSession(false);
		const sent = sign(user);
		await h.double.waitForReady(5000);
		await timing(context, 'new session after op 9 false', performance.now() - at);
		const reply = await h.double.waitForReply(sent, 5000);
		expect(h.double.identifyCount).toBe(identifyCount + 1);
		expect(h.double.resumeCount).toBe(resumeCount);
		expect(textOf(reply.data)).toContain('You signed the pledge');
		expect(await rowsOf(user.id)).toBe(1);
	});

	it('keeps answering through several faults in a row', async () => {
		for (const [, fault] of resumable) {
			fault(h.double);
			await h.double.waitForReady(5000);
		}
		const user = freshUser();
		expect(textOf((await h.double.waitForReply(sign(user), 5000)).data)).toContain('You signed the pledge');
	});

	describe('the real process', () => {
		let double: DiscordDouble;
		let bot: RunningBot | undefined;
		beforeAll(async () => {
			double = await startDiscordDouble();
		});
		afterAll(async () => {
			await bot?.cleanup();
			await double?.close();
		});

		it('exits 1 with one clear line, not a reconnect loop, when the gateway closes with 4004 after ready', async (context) => {
			bot = startBotProcess({ DISCORD_TOKEN: double.token, DISCORD_API_URL: double.apiUrl, LOG_LEVEL: 'info' });
			await bot.waitForLog('ready');
			const { identifyCount, resumeCount } = double;
			const at = performance.now();
			double.closeGateway(4004);
			const running = bot;
			await waitFor(() => running.child.exitCode !== null || running.child.signalCode !== null, 'the exit after 4004', {
				timeoutMs: 10_000,
			});
			const exit = await running.exited;
			await timing(context, 'exit after 4004', exit.at - at);
			expect(exit.code).toBe(1);
			const lines = bot.stderr().trim().split('\n');
			expect(lines).toHaveLength(1);
			expect(lines[0]).toContain('DISCORD_TOKEN was rejected');
			expect(bot.stderr()).not.toMatch(/\n\s+at /);
			expect(bot.stderr()).not.toContain(double.token);
			expect(double.identifyCount).toBe(identifyCount); // no new IDENTIFY…
			expect(double.resumeCount).toBe(resumeCount); // …and no RESUME with the refused token
		});
	});
});

describe('REST faults on the reply', () => {
	it('answers once when the callback fails with 500 the first time', async () => {
		const user = freshUser();
		h.double.failNext({ method: 'POST', path: CALLBACK, status: 500 });
		const sent = sign(user);
		const reply = await h.double.waitForReply(sent);
		expect(textOf(reply.data)).toContain('You signed the pledge'); // not "updated": the handler ran once
		// The double records a status once it has sent the response: poll.
		await waitFor(() => answered(sent, 2), 'two answers to the callback');
		expect(repliesTo(h.double, sent).map((r) => r.status)).toEqual([500, 204]);
		expect(await rowsOf(user.id)).toBe(1);
	});

	it.for([
		['the route', { global: false }, {}],
		['the whole bot (global)', { global: true }, { 'X-RateLimit-Global': 'true' }],
	] as const)('waits out a 429 on the callback for %s and answers once', async ([name, extra, headers], context) => {
		const user = freshUser();
		h.double.failNext({
			method: 'POST',
			path: CALLBACK,
			status: 429,
			body: { message: 'You are being rate limited.', retry_after: 0.3, ...extra },
			headers: { 'Retry-After': '0.3', ...headers },
		});
		const sent = sign(user);
		const reply = await h.double.waitForReply(sent);
		await waitFor(() => answered(sent, 2), 'two answers to the callback');
		expect(repliesTo(h.double, sent).map((r) => r.status)).toEqual([429, 204]);
		const calls = repliesTo(h.double, sent);
		const waited = (calls[1]?.at ?? 0) - (calls[0]?.at ?? 0);
		await timing(context, `retry after 429 (${name})`, waited);
		expect(waited).toBeGreaterThanOrEqual(290);
		expect(textOf(reply.data)).toContain('You signed the pledge');
		const log = h.double.interactionLog(sent);
		expect([log.edits.length, log.followUps.length]).toEqual([0, 0]);
		expect(await rowsOf(user.id)).toBe(1);
	});

	it('does not claim "nothing was changed" when the reply fails after the signature was written', async () => {
		// discord.js retries a 5xx 3 times, then the error boundary answers instead: by then the row exists.
		const template = sign(freshUser());
		await h.double.waitForReply(template);
		const user = freshUser();
		const forged = forgeFrom(template, user.id);
		h.double.failNext({ method: 'POST', path: new RegExp(`^/interactions/${forged.id}/`), status: 500, times: 4 });
		const sent = h.double.dispatchRaw(forged.payload);
		const reply = await h.double.waitForReply(sent);
		await waitFor(() => answered(sent, 5), 'five answers to the callback');
		expect(repliesTo(h.double, sent).map((r) => r.status)).toEqual([500, 500, 500, 500, 204]);
		expect(reply.ephemeral).toBe(true);
		expect(reply.data.content).toMatch(/reference: `[0-9a-f]{8}`/);
		expect(await rowsOf(user.id)).toBe(1);
		expect(reply.data.content).not.toMatch(/nothing (was|has been) changed/i);
		const status = await h.double.waitForReply(h.double.sendCommand({ name: 'pledge', subcommand: 'status', user }));
		expect(textOf(status.data)).toContain('You have signed the pledge');
	});

	it('logs a reply refused with 10062 (Unknown interaction), crashes nothing, and keeps the signature', async () => {
		const rejections = vi.fn();
		const exceptions = vi.fn();
		process.on('unhandledRejection', rejections);
		process.on('uncaughtException', exceptions);
		try {
			const template = sign(freshUser());
			await h.double.waitForReply(template);
			const user = freshUser();
			const forged = forgeFrom(template, user.id);
			// Like Discord after the 3 s deadline: every answer to this interaction is refused.
			h.double.failNext({
				method: 'POST',
				path: new RegExp(`^/interactions/${forged.id}/`),
				status: 404,
				body: { code: 10062, message: 'Unknown interaction' },
				times: 10,
			});
			const sent = h.double.dispatchRaw(forged.payload);
			await waitFor(
				() => h.logs.find((l) => l.interactionId === sent.id && Number(l.level) >= 40),
				'a warning logged for the interaction',
			);
			const logged = h.logs.filter((l) => l.interactionId === sent.id);
			expect(logged.some((l) => (l.code ?? (l.err as { code?: number } | undefined)?.code) === 10062)).toBe(true);
			expect(repliesTo(h.double, sent).every((r) => r.status === 404)).toBe(true);
			expect(logged.find((l) => l.code === 10062)?.msg).toBe('interaction expired before the answer');

			expect(await rowsOf(user.id)).toBe(1);
			const status = await h.double.waitForReply(h.double.sendCommand({ name: 'pledge', subcommand: 'status', user }));
			expect(textOf(status.data)).toContain('You have signed the pledge');
			expect(textOf(status.data)).toContain('Detroit');
			// One attempt: an interaction Discord has given up on is not answered again with an error message. Checked
			// after a whole later command (gateway, database, REST): a retry from the error boundary would come first.
			expect(repliesTo(h.double, sent)).toHaveLength(1);
			expect(h.double.interactionLog(sent).callback).toBeUndefined();
			await setImmediate(); // a stray rejection is reported before the next turn of the event loop
			expect(rejections).not.toHaveBeenCalled();
			expect(exceptions).not.toHaveBeenCalled();
		} finally {
			process.off('unhandledRejection', rejections);
			process.off('uncaughtException', exceptions);
		}
	});
});

describe('secrets', () => {
	const token = `MTEzNzQ5NjQ4NTk2MDk4NTgzMA.G${randomBytes(4).toString('hex')}.${randomBytes(20).toString('base64url')}`;
	const signerKey = randomBytes(32).toString('hex');
	let double: DiscordDouble;
	let bot: RunningBot | undefined;
	beforeAll(async () => {
		double = await startDiscordDouble({ token });
	});
	afterAll(async () => {
		await bot?.cleanup();
		await double?.close();
	});

	it('never writes the token or SIGNER_KEY to stdout/stderr at LOG_LEVEL=trace, nor into a reply', async () => {
		bot = startBotProcess({
			DISCORD_TOKEN: token,
			DISCORD_API_URL: double.apiUrl,
			SIGNER_KEY: signerKey,
			LOG_LEVEL: 'trace',
		});
		await bot.waitForLog('ready');
		const sent: SentInteraction[] = [];
		const member = { user: { id: '820000000000000001' } };

		// A reply that keeps failing: discord.js retries the 500s, gives up, and the error boundary answers instead.
		const template = double.sendCommand({ name: 'pledge', subcommand: 'sign', ...member });
		await double.waitForReply(template, 5000);
		const failing = forgeFrom(template, '820000000000000002');
		double.failNext({ method: 'POST', path: new RegExp(`^/interactions/${failing.id}/`), status: 500, times: 4 });
		const failed = double.dispatchRaw(failing.payload);
		sent.push(template, failed);
		const errorReply = await double.waitForReply(failed, 5000);
		expect(errorReply.ephemeral).toBe(true);
		expect(errorReply.data.content).toMatch(/reference: `[0-9a-f]{8}`/);
		const ref = /`([0-9a-f]{8})`/.exec(errorReply.data.content ?? '')?.[1];
		await waitFor(() => bot?.logs().some((l) => l.ref === ref && l.level === 50), 'the error line with its reference');

		// Forged interactions: an unknown command, a wrong option type, a forged button, garbage custom ids.
		sent.push(
			double.sendCommand({ name: 'nope', ...member }),
			double.sendCommand({
				name: 'pledge',
				subcommand: 'sign',
				options: [{ name: 'city', type: 3, value: 42 }],
				...member,
			}),
			double.sendCommand({ name: 'pledge', subcommand: 'sign', options: [str('artist_name', token)], ...member }),
			double.clickButton({ customId: 'gig-confirm:v1:999999', ...member }),
			double.clickButton({ customId: `signers:v1:${signerKey}`, ...member }),
			double.submitModal({ customId: 'gig-reject-reason:v1:1', fields: { reason: signerKey }, ...member }),
		);
		for (const interaction of sent.slice(2)) await double.waitForReply(interaction, 5000);
		// One raw payload Discord would never send; whatever discord.js makes of it, the process must live on.
		double.dispatchRaw({ id: '820000000000000099', token: 'x', type: 2, application_id: double.applicationId });
		const after = double.sendCommand({ name: 'demands', ...member });
		expect(textOf((await double.waitForReply(after, 5000)).data)).toContain('Demand 1');

		const output = bot.stdout() + bot.stderr();
		expect(output.length).toBeGreaterThan(0);
		expect(output).not.toContain(token);
		expect(output).not.toContain(signerKey);
		expect(output).not.toContain(token.split('.')[2]); // not even the token's secret part on its own
		for (const interaction of sent.filter((s) => s !== sent[4])) {
			// The member typed the token as an artist name in one command: that reply may echo their own text.
			const log = double.interactionLog(interaction);
			const shown = JSON.stringify([log.callback?.data, log.edits, log.followUps]);
			expect(shown).not.toContain(token);
			expect(shown).not.toContain(signerKey);
		}
		expect(bot.child.exitCode).toBeNull();
	});
});
