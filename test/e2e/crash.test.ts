// Crash safety ("Hold up under faults", item 3): the compiled bot, SIGKILLed in the middle of a burst of
// /pledge sign, restarted on the same database. Every signature the bot acknowledged survives, no row is
// half-written, milestones are posted at most once per threshold and recorded exactly once, and the restarted
// bot answers. Two kills: one mid-burst after ~200 replies, one while a milestone post is in flight (the post
// reaches Discord, the bot dies before recording it; the restarted bot's retry must return the same message).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { pseudonym } from '../../src/db/pseudonym.js';
import { milestoneNonce } from '../../src/jobs/milestones.js';
import { type DiscordDouble, type SentInteraction, startDiscordDouble } from '../double/index.js';
import { waitFor } from '../support/waitFor.js';
import { OPTION, textOf } from './harness.js';
import { type RunningBot, startBotProcess } from './support/bot-process.js';
import { stopGracefully, waitUntilAnswering } from './support/crash-bot.js';

const SIGNER_KEY = 'c4a5000000000000000000000000000000000000000000000000000000000001';
const MANAGE_GUILD = 1n << 5n;
const ADMIN = { id: '100000000000000002', username: 'organiser' };
const THRESHOLDS = [5, 50, 200, 400];
const BURST = 500;
/** Dispatch pace: CHUNK interactions every STEP_MS, ~500 in two seconds. */
const CHUNK = 5;
const STEP_MS = 20;
/** How long the double holds the milestone post of the second kill before creating the message. */
const HELD_MS = 500;
const SIGNED_TITLE = 'You signed the pledge';
const MILESTONE_TITLE = /^([\d,]+) musicians have signed the pledge$/;

const userId = (n: number) => (300_000_000_000_000_000n + BigInt(n)).toString();

interface BurstResult {
	sent: { user: string; interaction: SentInteraction }[];
	/** Callbacks received when the kill was sent. */
	answeredAtKill: number;
	/** Interactions dispatched when the kill was sent (the rest of the burst is never sent). */
	dispatchedAtKill: number;
}

let double: DiscordDouble;
let dir: string;
/** Every process started, in order: what each wrote is checked at the end. */
const processes: RunningBot[] = [];

beforeAll(async () => {
	double = await startDiscordDouble();
	dir = mkdtempSync(path.join(tmpdir(), 'nmfi-crash-'));
});
afterAll(async () => {
	for (const started of processes) await started.cleanup();
	await double?.close();
	rmSync(dir, { recursive: true, force: true });
});

const guild = () => {
	const g = double.guilds[0];
	if (!g) throw new Error('the double has no guild');
	return g;
};
const announcementChannel = () => {
	const channel = guild().channels.filter((c) => c.type === 0)[1];
	if (!channel) throw new Error('the guild has no second text channel');
	return channel;
};

async function startBot(): Promise<RunningBot> {
	const started = startBotProcess({
		DISCORD_TOKEN: double.token,
		DISCORD_API_URL: double.apiUrl,
		DATABASE_URL: `file:${path.join(dir, 'pledge.db')}`,
		SIGNER_KEY,
		MILESTONE_CRON: '* * * * * *',
		LOG_LEVEL: 'info',
	});
	processes.push(started);
	await waitUntilAnswering(double, started);
	// The killed process held the milestone job's lease: the restarted one runs the job once it has expired.
	await started.waitForLog('lease taken', 20_000);
	return started;
}

const callbackOf = (sent: SentInteraction) => double.interactionLog(sent).callback;
const titleOf = (sent: SentInteraction) =>
	(callbackOf(sent)?.data?.embeds?.[0] as { title?: string } | undefined)?.title;

/** When to SIGKILL the bot during a burst: after this many callbacks, or as soon as a milestone post arrives. */
type KillPoint = { afterAnswers: number } | { onAnnouncementPost: true };

/**
 * Dispatches /pledge sign from `users` at a steady pace and SIGKILLs the bot at `at`: the kill is sent from the
 * double's own callback (no polling lag), and the rest of the burst is never dispatched.
 */
async function burst(running: RunningBot, users: string[], at: KillPoint, fallbackMs = 5000): Promise<BurstResult> {
	const sent: BurstResult['sent'] = [];
	const postPath = `/channels/${announcementChannel().id}/messages`;
	let scanned = double.requests.length;
	let answered = 0;
	let result: BurstResult | undefined;
	let killed = () => {};
	const killSent = new Promise<void>((resolve) => {
		killed = resolve;
	});
	const kill = () => {
		if (result) return;
		result = { sent, answeredAtKill: answered, dispatchedAtKill: sent.length };
		running.child.kill('SIGKILL');
		killed();
	};
	const watcher =
		'onAnnouncementPost' in at
			? setInterval(() => {
					const fresh = double.requests.slice(scanned);
					scanned += fresh.length;
					if (fresh.some((r) => r.method === 'POST' && r.path === postPath)) kill();
				}, 2)
			: undefined;
	try {
		for (let i = 0; !result && i < users.length; i += CHUNK) {
			for (const user of users.slice(i, i + CHUNK)) {
				const interaction = double.sendCommand({ name: 'pledge', subcommand: 'sign', user: { id: user } });
				sent.push({ user, interaction });
				double.waitForResponse(interaction, 15_000).then(
					() => {
						answered += 1;
						if ('afterAnswers' in at && answered >= at.afterAnswers) kill();
					},
					() => undefined, // never answered: dispatched to the killed process
				);
			}
			await sleep(STEP_MS); // the pace of the burst, not a wait for something
		}
		// The kill point may come after the last dispatch (answers still arriving): wait for it, up to fallbackMs.
		await Promise.race([killSent, sleep(fallbackMs)]);
		kill();
	} finally {
		clearInterval(watcher);
	}
	await running.exited;
	if (!result) throw new Error('unreachable: the burst ended without a kill');
	return result;
}

const signedUsers = (result: BurstResult) =>
	result.sent.filter((s) => titleOf(s.interaction) === SIGNED_TITLE).map((s) => s.user);

/** The threshold a milestone post (request body or message) names. */
const milestoneOf = (body: unknown) => {
	const title = (body as { embeds?: { title?: string }[] } | undefined)?.embeds?.[0]?.title ?? '';
	const n = title.match(MILESTONE_TITLE)?.[1];
	return n === undefined ? undefined : Number(n.replaceAll(',', ''));
};
const channelPosts = () => double.messages.get(announcementChannel().id) ?? [];
const postsToChannel = () =>
	double.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${announcementChannel().id}/messages`);

/** What a member sees in /pledge status: the embed title and the campaign total. */
async function statusOf(user: string): Promise<{ title: string | undefined; total: number; ephemeral: boolean }> {
	const reply = await double.waitForReply(
		double.sendCommand({ name: 'pledge', subcommand: 'status', user: { id: user } }),
		3000,
	);
	const embed = reply.data.embeds?.[0] as { title?: string; fields?: { name: string; value: string }[] } | undefined;
	const total = embed?.fields?.find((f) => f.name === 'Signers in total')?.value ?? 'NaN';
	return { title: embed?.title, total: Number(total.replaceAll(',', '')), ephemeral: reply.ephemeral };
}

async function setThresholds(list: number[]): Promise<void> {
	const reply = await double.waitForReply(
		double.sendCommand({
			name: 'setup',
			subcommand: 'milestones',
			options: [{ name: 'thresholds', type: OPTION.string, value: list.join(',') }],
			memberPermissions: MANAGE_GUILD,
			user: ADMIN,
		}),
		3000,
	);
	expect(textOf(reply.data)).toContain(`Milestones set to ${list.join(', ')}.`);
}

const describePosts = () =>
	postsToChannel()
		.map((r) => `${milestoneOf(r.body)}→${r.status ?? 'pending'}`)
		.join(' ');

describe('crash safety: SIGKILL in the middle of a signing burst', () => {
	it('keeps every acknowledged signature, writes no half rows, posts each milestone at most once, and restarts', async () => {
		const report: string[] = [];
		// What happened, for the reader of a failure only: a passing test prints nothing.
		onTestFailed(() => {
			console.log(report.join('\n'));
		});
		await scenario(report);
	}, 40_000);
});

async function scenario(report: string[]): Promise<void> {
	// Start, point milestones at the second text channel, small thresholds so the bursts cross some.
	let running = await startBot();
	const setupChannel = await double.waitForReply(
		double.sendCommand({
			name: 'setup',
			subcommand: 'announcements',
			options: [{ name: 'channel', type: OPTION.channel, value: announcementChannel().id }],
			memberPermissions: MANAGE_GUILD,
			user: ADMIN,
		}),
		3000,
	);
	expect(textOf(setupChannel.data)).toContain(`<#${announcementChannel().id}>`);
	let thresholds = THRESHOLDS;
	await setThresholds(thresholds);

	// Kill 1: mid-burst, once 200 replies have arrived.
	const first = await burst(
		running,
		Array.from({ length: BURST }, (_, i) => userId(i)),
		{ afterAnswers: 200 },
	);
	const signedFirst = signedUsers(first);
	report.push(
		`kill 1: ${first.dispatchedAtKill} dispatched, ${first.answeredAtKill} answered when the kill was sent, ` +
			`${signedFirst.length} "signed" replies in all; posts so far: ${describePosts() || 'none'}`,
	);
	running = await startBot();

	// The restarted bot knows the last member it acknowledged before the kill.
	const lastFirst = signedFirst.at(-1) ?? '';
	const afterFirst = await statusOf(lastFirst);
	expect(afterFirst).toMatchObject({ title: 'You have signed the pledge', ephemeral: true });
	expect(afterFirst.total).toBeGreaterThanOrEqual(signedFirst.length);
	expect(afterFirst.total).toBeLessThanOrEqual(first.dispatchedAtKill);
	// The restarted bot's job has caught up with the first burst: the highest threshold reached is in the channel.
	const highestFirst = Math.max(...THRESHOLDS.filter((n) => n <= afterFirst.total));
	await waitFor(() => channelPosts().some((m) => milestoneOf(m) === highestFirst), `the ${highestFirst} post`, {
		timeoutMs: 10_000,
	});
	report.push(`restart 1: total ${afterFirst.total}; posts so far: ${describePosts() || 'none'}`);

	// Kill 2: while a milestone post is in flight. The double holds the post for HELD_MS, then creates the
	// message: Discord has it, but the bot died before recording it. The restarted bot must find that message in
	// the channel (its claim is open) and record it, not post a second one. The first kill may have landed anywhere past 200: when
	// every threshold is passed, one more, 150 signatures ahead, makes the burst cross one. Either way the threshold
	// crossed is the last of the list, so the retry after the restart names the same one.
	if (afterFirst.total >= Math.max(...THRESHOLDS)) {
		thresholds = [...THRESHOLDS, afterFirst.total + 150];
		await setThresholds(thresholds);
	}
	const postsBefore = postsToChannel().length;
	double.delay({ method: 'POST', path: new RegExp(`^/channels/${announcementChannel().id}/messages$`), ms: HELD_MS });
	const second = await burst(
		running,
		Array.from({ length: BURST }, (_, i) => userId(BURST + i)),
		{ onAnnouncementPost: true },
	);
	const signedSecond = signedUsers(second);
	const inFlight = postsToChannel()[postsBefore];
	const killedDuringPost = inFlight !== undefined && inFlight.status === undefined;
	report.push(
		`kill 2: ${second.dispatchedAtKill} dispatched, ${second.answeredAtKill} answered when the kill was sent, ` +
			`${signedSecond.length} "signed" replies in all; killed with the ${milestoneOf(inFlight?.body)} post in flight: ${killedDuringPost}`,
	);
	// Restart only once Discord has created the held message (a retry racing the first request is another case).
	if (inFlight) {
		await waitFor(() => inFlight.status === 200, 'Discord to create the held post', {
			timeoutMs: 3000,
			intervalMs: 20,
		});
	}
	running = await startBot();
	// The restarted bot settles the claim the kill left open (from the channel, without a second post).
	if (killedDuringPost) await running.waitForLog('milestone claim settled', 10_000);

	// The restarted bot answers /pledge status for the last member it acknowledged before the second kill.
	const signed = [...signedFirst, ...signedSecond];
	const afterSecond = await statusOf(signedSecond.at(-1) ?? '');
	expect(afterSecond).toMatchObject({ title: 'You have signed the pledge', ephemeral: true });
	report.push(`restart 2: total ${afterSecond.total}; posts: ${describePosts()}`);

	const stopped = await stopGracefully(running);
	expect(stopped.code).toBe(0);
	// No process logged an error, except replies that came too late for Discord's 3 s (a loaded machine).
	const errors = processes
		.flatMap((p) => `${p.stdout()}${p.stderr()}`.split('\n'))
		.filter((line) => /"level":(50|60)/.test(line));
	const late = errors.filter((line) => line.includes('Unknown interaction'));
	if (late.length > 0) report.push(`late replies refused by Discord (10062): ${late.length}`);
	expect(errors.filter((line) => !late.includes(line))).toEqual([]);

	// Read the database the bots left behind.
	const db = new Database(path.join(dir, 'pledge.db'), { readonly: true, fileMustExist: true });
	try {
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(db.pragma('foreign_key_check')).toEqual([]);

		const rows = db.prepare('SELECT signerKey, guildId, signedAt, updatedAt FROM Signature').all() as {
			signerKey: string;
			guildId: string | null;
			signedAt: number | null;
			updatedAt: number | null;
		}[];
		const keys = new Set(rows.map((r) => r.signerKey));
		// Every "signed" reply is backed by a row.
		const missing = signed.filter((u) => !keys.has(pseudonym(SIGNER_KEY, u)));
		report.push(`rows: ${rows.length}; acknowledged: ${signed.length}, missing: ${missing.length}`);
		expect(missing).toEqual([]);
		// No half-written rows.
		const half = rows.filter(
			(r) => r.guildId !== guild().id || !(Number(r.signedAt) > 0) || !(Number(r.updatedAt) > 0),
		);
		expect(half).toEqual([]);
		expect(afterSecond.total).toBe(rows.length);

		// Milestones: each reached threshold recorded exactly once, none beyond the total.
		const recorded = db
			.prepare(
				`SELECT threshold, posted, messageId, COUNT(*) OVER (PARTITION BY threshold) AS n
				 FROM MilestoneAnnouncement WHERE guildId = ? ORDER BY threshold`,
			)
			.all(guild().id) as { threshold: number; posted: number; messageId: string | null; n: number }[];
		report.push(`recorded: ${recorded.map((r) => `${r.threshold} ${r.posted ? 'posted' : 'silent'}`).join(', ')}`);
		const reached = thresholds.filter((n) => n <= rows.length);
		expect(recorded.map((r) => r.threshold)).toEqual(reached);
		expect(recorded.every((r) => r.n === 1)).toBe(true);

		// At most one post (distinct message) per threshold; a post recorded as posted is the one in the channel.
		const postsByThreshold = new Map<number, string[]>();
		for (const post of channelPosts()) {
			const threshold = milestoneOf(post);
			expect(threshold, 'every post in the channel is a milestone post').toBeDefined();
			postsByThreshold.set(Number(threshold), [...(postsByThreshold.get(Number(threshold)) ?? []), post.id]);
		}
		const attempts = new Map<string, number>();
		for (const r of postsToChannel()) {
			const nonce = String((r.body as { nonce?: unknown } | undefined)?.nonce ?? '');
			attempts.set(nonce, (attempts.get(nonce) ?? 0) + 1);
		}
		report.push(
			`posts per threshold: ${reached.map((n) => `${n}: ${postsByThreshold.get(n)?.length ?? 0} message(s) from ${attempts.get(milestoneNonce(guild().id, n)) ?? 0} POST(s)`).join(', ')}`,
		);
		for (const [threshold, ids] of postsByThreshold) {
			expect(ids, `messages for ${threshold}`).toHaveLength(1);
			expect(reached).toContain(threshold);
		}
		for (const row of recorded.filter((r) => r.posted === 1)) {
			expect(postsByThreshold.get(row.threshold)).toEqual([row.messageId]);
		}
		// The highest threshold reached was crossed after set-up, so it was posted (the tick that saw it named it).
		expect(recorded.at(-1)?.posted).toBe(1);
		// The second kill did hit a post in flight, and the restarted bot found that message instead of posting again.
		expect(killedDuringPost).toBe(true);
		const retried = milestoneOf(inFlight?.body) ?? 0;
		expect(attempts.get(milestoneNonce(guild().id, retried))).toBe(1);
		expect(postsByThreshold.get(retried)).toHaveLength(1);
		expect(recorded.find((r) => r.threshold === retried)?.messageId).toBe(postsByThreshold.get(retried)?.[0]);
	} finally {
		db.close();
	}
}
