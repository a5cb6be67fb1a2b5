// Races through the gateway: interactions dispatched together, without waiting between them, must leave the
// database consistent and tell every member the truth about what their own command did.
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST_CONNECTIONS } from '../../src/client.js';
import { pseudonym, reporterPseudonym } from '../../src/db/pseudonym.js';
import { findSignature } from '../../src/db/signatures.js';
import type { ReplyView, SentInteraction } from '../double/index.js';
import { waitFor } from '../support/waitFor.js';
import { command, type Harness, OPTION, startHarness, str, TEST_SIGNER_KEY, textOf } from './harness.js';
import { createDbGate } from './support/db-gate.js';

const MANAGE_GUILD = 1n << 5n;
const SIGNED = 'You signed the pledge';
const UPDATED = 'Your signature was updated';
const WITHDRAWN = 'Your signature was withdrawn';
const NOT_SIGNED = 'You have not signed';

let h: Harness;
const gate = createDbGate();
beforeAll(async () => {
	h = await startHarness({ interpose: gate.interpose, gigFlagsPerHour: 100 });
});
afterAll(async () => {
	await h?.close();
});

const rowsOf = (userId: string) => h.db.signature.count({ where: { signerKey: pseudonym(TEST_SIGNER_KEY, userId) } });
const sign = (user: { id: string }, options = [str('city', 'Chicago')]) =>
	h.double.sendCommand({ name: 'pledge', subcommand: 'sign', options, user });
const withdraw = (user: { id: string }) => h.double.sendCommand({ name: 'pledge', subcommand: 'withdraw', user });
const repliesOf = (sent: SentInteraction[]) => Promise.all(sent.map((s) => h.double.waitForReply(s, 10_000)));
const count = (texts: string[], needle: string) => texts.filter((t) => t.includes(needle)).length;

describe('one member, many commands at once', () => {
	it('signing 20 times at once leaves one row: one reply says signed, 19 say updated', async () => {
		const user = { id: '830000000000000001' };
		const total = await h.db.signature.count();
		const sent = Array.from({ length: 20 }, (_, i) => sign(user, [str('city', `City ${i}`)]));
		const texts = (await repliesOf(sent)).map((r) => textOf(r.data));
		expect(count(texts, SIGNED)).toBe(1);
		expect(count(texts, UPDATED)).toBe(19);
		expect(await rowsOf(user.id)).toBe(1);
		expect(await h.db.signature.count()).toBe(total + 1);
		// Every reply reports the same campaign total: the member counts once, whichever reply they read.
		for (const text of texts) expect(text).toContain(`Signers in total: ${total + 1}`);
		const row = await findSignature(h.db, pseudonym(TEST_SIGNER_KEY, user.id));
		expect(row?.city).toMatch(/^City \d+$/);
	});

	it('signing and withdrawing interleaved: every reply is true, and the rows are what the replies say', async () => {
		// Per member, 30 commands alternating sign / withdraw, all dispatched before any is answered; 8 members.
		// Rows start at 0; only a reply saying "signed" adds this member's row and only one saying "withdrawn"
		// deletes it. So if the replies are true: rows at the end = signed − withdrawn, and that is 0 or 1. (The
		// order answers reach Discord is not the order of the writes: a sign's reply also waits on the totals.)
		const members = Array.from({ length: 8 }, (_, i) => ({ id: `83100000000000${String(1000 + i)}` }));
		const sent = members.map((user) =>
			Array.from({ length: 30 }, (_, i) => ({
				kind: i % 2 === 0 ? 'sign' : 'withdraw',
				s: (i % 2 ? withdraw : sign)(user),
			})),
		);
		const replies = await Promise.all(
			sent.map((ops) =>
				Promise.all(ops.map(async (op) => ({ ...op, reply: await h.double.waitForReply(op.s, 10_000) }))),
			),
		);
		for (const [m, ops] of replies.entries()) {
			const user = members[m] as { id: string };
			for (const op of ops) {
				const text = textOf(op.reply.data);
				// No error, no refusal: a sign always signs or updates, a withdraw always withdraws or finds nothing.
				if (op.kind === 'sign') expect(text, text).toMatch(new RegExp(`${SIGNED}|${UPDATED}`));
				else expect(text, text).toMatch(new RegExp(`${WITHDRAWN}|${NOT_SIGNED}`));
			}
			const texts = ops.map((op) => textOf(op.reply.data));
			const signed = count(texts, SIGNED);
			const withdrawn = count(texts, WITHDRAWN);
			const rows = await rowsOf(user.id);
			expect(rows).toBe(signed - withdrawn);
			expect([0, 1]).toContain(rows);
		}
	});

	it('a withdraw landing between a sign’s failed insert and its update: the sign signs afresh and says so', async () => {
		// The interleaving, replayed exactly: the member has signed; a second sign finds the row (its insert fails
		// on the key) and is held just before its update; a withdraw deletes the row and says so; then the sign
		// goes on. Its update finds nothing: the truthful outcome is a new signature, reported as "signed".
		const user = { id: '832000000000000001' };
		expect(textOf((await h.double.waitForReply(sign(user))).data)).toContain(SIGNED);
		const held = gate.pauseNext(
			(call) =>
				(call.model === 'signature' && /^(update|updateMany|upsert)$/.test(call.method)) ||
				/^\s*UPDATE\s+[`"']?(main[`"']?\.[`"']?)?Signature\b/i.test(call.sql),
		);
		const second = sign(user, [str('city', 'Second City')]);
		let reached = false;
		void held.reached.then(() => {
			reached = true;
		});
		await waitFor(
			() => reached,
			'the second sign to update the existing row (else: adjust the gate to how signPledge updates)',
			{ timeoutMs: 3000, intervalMs: 5 },
		);
		const withdrawn = await h.double.waitForReply(withdraw(user));
		expect(textOf(withdrawn.data)).toContain(WITHDRAWN);
		expect(await rowsOf(user.id)).toBe(0);
		held.release();
		const reply = textOf((await h.double.waitForReply(second)).data);
		expect(reply).toContain(SIGNED);
		expect(reply).toContain('Second City');
		expect(await rowsOf(user.id)).toBe(1);
		const status = await h.double.waitForReply(h.double.sendCommand({ name: 'pledge', subcommand: 'status', user }));
		expect(textOf(status.data)).toContain('You have signed the pledge');
	});
});

describe('many members at once', () => {
	it('20 members flagging one new gig while 20 others sign: one flag, every report and signature kept', async () => {
		// Racing flags of one gig collide on its unique keys and roll back; nothing else may roll back with them.
		const date = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
		const flaggers = Array.from({ length: 20 }, (_, i) => ({ id: `85000000000000${String(1000 + i)}` }));
		const signers = Array.from({ length: 20 }, (_, i) => ({ id: `86000000000000${String(1000 + i)}` }));
		const gigOptions = [
			str('event', 'Crowded Show'),
			str('venue', 'Hall'),
			str('date', date),
			str('connection', 'twitch'),
			str('link', 'https://example.com/crowded'),
		];
		const flags: SentInteraction[] = [];
		const signs: SentInteraction[] = [];
		for (let i = 0; i < 20; i++) {
			flags.push(
				h.double.sendCommand({
					name: 'gig',
					subcommand: 'flag',
					options: gigOptions,
					user: flaggers[i] as { id: string },
				}),
			);
			signs.push(sign(signers[i] as { id: string }));
		}
		const flagTexts = (await repliesOf(flags)).map((r) => textOf(r.data));
		const signTexts = (await repliesOf(signs)).map((r) => textOf(r.data));
		expect(count(flagTexts, 'Gig flagged')).toBe(1);
		expect(count(flagTexts, 'Your report was added')).toBe(19);
		const flag = await h.db.gigFlag.findFirstOrThrow({
			where: { linkKey: 'https://example.com/crowded' },
			include: { _count: { select: { reports: true } } },
		});
		expect(await h.db.gigFlag.count({ where: { linkKey: 'https://example.com/crowded' } })).toBe(1);
		expect(flag._count.reports).toBe(20);
		// Every added report names a count its own report is part of: the first reporter's and its own, at most all 20.
		const claimed = flagTexts
			.filter((text) => text.includes('Your report was added'))
			.map((text) => Number(/: (\d+) members reported it\./.exec(text)?.[1]));
		expect(claimed).toHaveLength(19);
		for (const n of claimed) {
			expect(n).toBeGreaterThanOrEqual(2);
			expect(n).toBeLessThanOrEqual(20);
		}
		for (const user of flaggers) {
			expect(await h.db.gigReport.count({ where: { reporterKey: reporterPseudonym(TEST_SIGNER_KEY, user.id) } })).toBe(
				1,
			);
		}
		expect(count(signTexts, SIGNED)).toBe(20);
		for (const user of signers) expect(await rowsOf(user.id)).toBe(1);
	});

	it('150 answers held by Discord at once go over at most REST_CONNECTIONS connections, and every one arrives', async () => {
		// Discord takes 300 ms to answer each callback, so all 150 are in flight together: without a bound, each
		// would open its own connection.
		const members = Array.from({ length: 150 }, (_, i) => ({ id: `87000000000000${String(1000 + i)}` }));
		const before = h.double.connectionCount;
		h.double.delay({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, ms: 300, times: 150 });
		const texts = (await repliesOf(members.map((user) => sign(user)))).map((r) => textOf(r.data));
		expect(count(texts, SIGNED)).toBe(150);
		expect(h.double.connectionCount - before).toBeLessThanOrEqual(REST_CONNECTIONS);
	});
});

describe('two moderators reviewing one flag', () => {
	it('20 racing confirm / reject clicks: one outcome, one audit entry, everyone else told it was reviewed', async () => {
		const guild = h.double.guilds[0];
		const modsChannel = guild?.channels.find((c) => c.type === 0);
		if (!guild || !modsChannel) throw new Error('the double has no text channel');
		const admin = { user: { id: '840000000000000001' }, memberPermissions: MANAGE_GUILD };
		await command(h, 'setup', 'moderation', [{ name: 'channel', type: OPTION.channel, value: modsChannel.id }], admin);
		const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
		const flagged = await command(
			h,
			'gig',
			'flag',
			[
				str('event', 'Racing Festival'),
				str('venue', 'Arena'),
				str('date', date),
				str('connection', 'aws'),
				str('link', 'https://example.com/racing'),
			],
			{ user: { id: '840000000000000002' } },
		);
		expect(textOf(flagged.data)).toContain('Gig flagged');
		const flag = await h.db.gigFlag.findFirstOrThrow({ where: { linkKey: 'https://example.com/racing' } });
		await waitFor(() => (h.double.messages.get(modsChannel.id) ?? []).length > 0, 'the queue post');
		const queue = h.double.messages.get(modsChannel.id)?.at(-1) as APIMessage;

		const moderators = [
			{ user: { id: '840000000000000010' }, memberPermissions: MANAGE_GUILD },
			{ user: { id: '840000000000000011' }, memberPermissions: MANAGE_GUILD },
		];
		const clicks = Array.from({ length: 20 }, (_, i) => {
			const moderator = moderators[i % 2] as (typeof moderators)[number];
			const where = { guildId: guild.id, channelId: modsChannel.id, message: queue, ...moderator };
			return i % 4 < 2
				? h.double.clickButton({ customId: `gig-confirm:v1:${flag.id}`, ...where })
				: h.double.submitModal({
						customId: `gig-reject-reason:v1:${flag.id}`,
						fields: { reason: `Not Amazon (${i})` },
						...where,
					});
		});
		const replies: ReplyView[] = await repliesOf(clicks);
		const winners = replies.filter((r) => r.type === 7);
		const losers = replies.filter((r) => r.type === 4);
		expect(winners).toHaveLength(1);
		expect(losers).toHaveLength(19);
		for (const loser of losers) {
			expect(loser.ephemeral).toBe(true);
			expect(loser.data.content).toMatch(/^This flag was already (confirmed|rejected) by <@8400000000000000(10|11)>/);
			expect(loser.data.content).toContain('Nothing was changed.');
		}
		const row = await h.db.gigFlag.findUniqueOrThrow({ where: { id: flag.id } });
		expect(['confirmed', 'rejected']).toContain(row.status);
		const winner = winners[0] as ReplyView;
		expect(textOf(winner.data)).toContain(
			`${row.status === 'confirmed' ? 'Confirmed' : 'Rejected'} by <@${row.reviewedBy}>`,
		);
		for (const loser of losers) expect(loser.data.content).toContain(`already ${row.status} by <@${row.reviewedBy}>`);
		const audit = await h.db.auditEntry.findMany({
			where: { action: { in: ['gig.confirm', 'gig.reject'] }, detail: { contains: `"flagId":${flag.id}` } },
		});
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			action: row.status === 'confirmed' ? 'gig.confirm' : 'gig.reject',
			actorId: row.reviewedBy,
		});
	});
});
