import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pseudonym } from '../../src/db/pseudonym.js';
import { findSignature } from '../../src/db/signatures.js';
import type { GuildState } from '../double/index.js';
import {
	bool,
	command,
	type Harness,
	int,
	startHarness,
	storedBytes,
	str,
	TEST_SIGNER_KEY,
	textOf,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
	h = await startHarness({ guilds: [{}, {}] });
});
afterAll(async () => {
	await h?.close();
});
/** Each test starts from no signatures and today's clock, whatever ran before it. */
beforeEach(async () => {
	await h.db.signature.deleteMany();
	h.clock.now = new Date();
});

const member = (id: string, name = `artist${id.slice(-3)}`) => ({ user: { id, username: name, global_name: name } });
const total = () => h.db.signature.count();

describe('/pledge through the gateway', () => {
	it('signs privately by default, says what was recorded, the total and how to withdraw', async () => {
		const before = await total();
		const reply = await command(
			h,
			'pledge',
			'sign',
			[str('artist_name', 'Sister Rosetta'), str('city', 'Memphis')],
			member('100000000000000001'),
		);
		expect(reply.ephemeral).toBe(true);
		const text = textOf(reply.data);
		expect(text).toContain('You signed the pledge');
		expect(text).toContain('Sister Rosetta');
		expect(text).toContain('Memphis');
		expect(text).toMatch(/Shown in \/pledge signers: No/);
		expect(text).toContain(`Signers in total: ${before + 1}`);
		expect(text).toContain('/pledge withdraw');
		const row = await findSignature(h.db, pseudonym(TEST_SIGNER_KEY, '100000000000000001'));
		expect(row).toMatchObject({ artistName: 'Sister Rosetta', city: 'Memphis', public: false });
	});

	it('updates the details on a second sign: no second row, total unchanged, omitted options kept', async () => {
		const id = '100000000000000002';
		await command(h, 'pledge', 'sign', [str('artist_name', 'First Name'), str('city', 'Oslo')], member(id));
		const first = await h.db.signature.findUniqueOrThrow({ where: { signerKey: pseudonym(TEST_SIGNER_KEY, id) } });
		const before = await total();
		const reply = await command(h, 'pledge', 'sign', [str('artist_name', 'Second Name')], member(id));
		const text = textOf(reply.data);
		expect(text).toContain('Your signature was updated');
		expect(text).toContain(`Signers in total: ${before}`);
		expect(await total()).toBe(before);
		const row = await h.db.signature.findUniqueOrThrow({ where: { signerKey: pseudonym(TEST_SIGNER_KEY, id) } });
		expect(row.guildId).toBe(first.guildId);
		expect(await findSignature(h.db, row.signerKey)).toMatchObject({ artistName: 'Second Name', city: 'Oslo' });
		expect(row.signedAt.getTime()).toBe(first.signedAt.getTime());
	});

	it('answers status before and after signing', async () => {
		const id = '100000000000000003';
		const before = await command(h, 'pledge', 'status', [], member(id));
		expect(before.ephemeral).toBe(true);
		expect(textOf(before.data)).toContain('You have not signed');
		await command(h, 'pledge', 'sign', [str('city', 'Lagos')], member(id));
		const after = await command(h, 'pledge', 'status', [], member(id));
		const text = textOf(after.data);
		expect(text).toContain('You have signed the pledge');
		expect(text).toContain('Lagos');
		expect(text).toContain(`Signers in total: ${await total()}`);
	});

	it('withdraws by deleting the row, and the total goes down', async () => {
		const id = '100000000000000004';
		await command(h, 'pledge', 'sign', [], member(id));
		const before = await total();
		const reply = await command(h, 'pledge', 'withdraw', [], member(id));
		expect(reply.ephemeral).toBe(true);
		expect(textOf(reply.data)).toContain('Your signature was withdrawn');
		expect(await total()).toBe(before - 1);
		expect(await h.db.signature.findUnique({ where: { signerKey: pseudonym(TEST_SIGNER_KEY, id) } })).toBeNull();
		const again = await command(h, 'pledge', 'withdraw', [], member(id));
		expect(textOf(again.data)).toContain('You have not signed');
	});

	it('shows the server count only from 5 signers of that server up', async () => {
		const [guild, other] = h.double.guilds as [GuildState, GuildState];
		const asker = member('100000000000000005');
		const serverCount = async () => textOf((await command(h, 'pledge', 'status', [], asker)).data);
		// Signers of another server do not count towards this one's.
		for (let i = 0; i < 5; i++)
			await command(h, 'pledge', 'sign', [], { ...member(`10000000000000020${i}`), guildId: other.id });
		for (let i = 0; i < 4; i++)
			await command(h, 'pledge', 'sign', [], { ...member(`10000000000000010${i}`), guildId: guild.id });
		expect(await serverCount()).not.toContain('Signers from this server');
		await command(h, 'pledge', 'sign', [], { ...member('100000000000000104'), guildId: guild.id });
		const five = await serverCount();
		expect(five).toContain('Signers from this server: 5');
		expect(five).toContain('Signers in total: 10');
	});

	it('refuses over-long options with a clear ephemeral message and writes nothing', async () => {
		const before = await total();
		const id = '100000000000000006';
		const reply = await command(h, 'pledge', 'sign', [str('artist_name', 'x'.repeat(101))], member(id));
		expect(reply.ephemeral).toBe(true);
		expect(reply.data.content).toBe('`artist_name` is too long: at most 100 characters.');
		const city = await command(h, 'pledge', 'sign', [str('city', 'y'.repeat(500))], member(id));
		expect(city.data.content).toBe('`city` is too long: at most 100 characters.');
		expect(await total()).toBe(before);
	});

	it('refuses a wrong option type with a clear message', async () => {
		const reply = await command(h, 'pledge', 'sign', [bool('artist_name', true)], member('100000000000000007'));
		expect(reply.ephemeral).toBe(true);
		expect(reply.data.content).toMatch(/`artist_name` is invalid/);
	});

	it('lists only public signers, newest first, and pages with buttons', async () => {
		const base = Date.parse('2026-01-01T00:00:00Z');
		for (let i = 0; i < 13; i++) {
			h.clock.now = new Date(base + i * 60_000);
			await command(
				h,
				'pledge',
				'sign',
				[str('artist_name', `Public ${i}`), bool('public', true)],
				member(`2000000000000000${10 + i}`),
			);
		}
		await command(
			h,
			'pledge',
			'sign',
			[str('artist_name', 'Hidden Person'), bool('public', false)],
			member('300000000000000001'),
		);
		const reply = await command(h, 'pledge', 'signers', [], member('300000000000000002'));
		expect(reply.ephemeral).toBe(false);
		const text = textOf(reply.data);
		expect(text).not.toContain('Hidden Person');
		const newestFirst = Array.from({ length: 13 }, (_, i) => `Public ${12 - i}`);
		const names = [...text.matchAll(/\*\*\d+\.\*\* (Public \d+)/g)].map((m) => m[1]);
		expect(names).toEqual(newestFirst.slice(0, 10));
		expect(text).toContain('Page 1 of 2');
		const row = (
			reply.data.components as { components: { custom_id: string; disabled?: boolean; label: string }[] }[]
		)[0];
		const next = row?.components.find((c) => c.label === 'Next');
		expect(row?.components.find((c) => c.label === 'Previous')?.disabled).toBe(true);
		expect(next?.custom_id).toBe('signers:v1:2');

		const click = h.double.clickButton({ customId: next?.custom_id ?? '', user: { id: '300000000000000003' } });
		const page2 = await h.double.waitForReply(click);
		expect(page2.type).toBe(7); // UPDATE_MESSAGE
		const text2 = textOf(page2.data);
		expect(text2).toContain('Page 2 of 2');
		expect([...text2.matchAll(/\*\*\d+\.\*\* (Public \d+)/g)].map((m) => m[1])).toEqual(newestFirst.slice(10));
		const option = await command(h, 'pledge', 'signers', [int('page', 2)], member('300000000000000004'));
		expect(textOf(option.data)).toContain('Page 2 of 2');
	});

	it('stores no Discord user id of a private signer in the database', async () => {
		const id = '412345678901234567';
		await command(h, 'pledge', 'sign', [str('artist_name', 'Quiet One')], member(id));
		const bytes = await storedBytes(h);
		expect(bytes.includes(Buffer.from(pseudonym(TEST_SIGNER_KEY, id)))).toBe(true); // the row is in the file…
		expect(bytes.includes(Buffer.from(id))).toBe(false); // …but not who signed it
	});
});

describe('/demands', () => {
	it('shows the pledge and the four demands publicly, with the hashtag', async () => {
		const reply = await command(h, 'demands', undefined, [], member('500000000000000001'));
		expect(reply.ephemeral).toBe(false);
		const text = textOf(reply.data);
		for (const n of [1, 2, 3, 4]) expect(text).toContain(`Demand ${n}`);
		expect(text).toContain('ICE, CBP, ORR');
		expect(text).toContain('Palantir');
		expect(text).toContain('facial recognition');
		expect(text).toContain('Reject future engagements');
		expect(text).toContain('#NoMusicForIce');
		expect(text).toContain('We pledge to not participate in Amazon-sponsored events');
	});
});
