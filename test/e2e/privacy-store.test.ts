// Issue 9 (storage): what an outsider finds in the database files, names kept across signings, reporters
// unlinkable from signers, and the flood limit under simultaneous flags. Through the double, as members do it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonym, reporterPseudonym } from '../../src/db/pseudonym.js';
import { findSignature } from '../../src/db/signatures.js';
import type { GuildState } from '../double/index.js';
import { waitFor } from '../support/waitFor.js';
import { bool, command, type Harness, startHarness, str, TEST_SIGNER_KEY, textOf } from './harness.js';
import { filesHolding } from './support/outsider.js';

let h: Harness;
let guild: GuildState;
beforeAll(async () => {
	h = await startHarness({ gigFlagsPerHour: 5 });
	guild = h.double.guilds[0] as GuildState;
});
afterAll(async () => {
	await h?.close();
});

const member = (id: string, displayName = `Display ${id.slice(-4)}`) => ({
	user: { id, username: `user${id.slice(-4)}`, global_name: displayName },
});
const stored = (userId: string) => findSignature(h.db, pseudonym(TEST_SIGNER_KEY, userId));

describe('signer details at rest', () => {
	it('keeps artist names and cities of public and private signers out of every database file, yet shows them', async () => {
		const details = [
			{ id: '910000000000000001', name: 'Ñandú Público Ensemble', city: 'Ciudad Juárez', public: true },
			{ id: '910000000000000002', name: 'Private Quiet Quartet', city: 'Tucson Arizona', public: false },
		];
		for (const d of details) {
			const reply = await command(
				h,
				'pledge',
				'sign',
				[str('artist_name', d.name), str('city', d.city), bool('public', d.public)],
				member(d.id),
			);
			expect(textOf(reply.data)).toContain(d.name); // the signer sees what was recorded
		}
		for (const d of details) {
			expect(filesHolding(h.dbPath, d.name)).toEqual([]);
			expect(filesHolding(h.dbPath, d.city)).toEqual([]);
		}
		// Decrypted where they are shown: the roster (public only) and the signer's own status.
		const roster = textOf((await command(h, 'pledge', 'signers', [], member('910000000000000009'))).data);
		expect(roster).toContain('Ñandú Público Ensemble — Ciudad Juárez');
		expect(roster).not.toContain('Private Quiet Quartet');
		const status = textOf((await command(h, 'pledge', 'status', [], member('910000000000000002'))).data);
		expect(status).toContain('Private Quiet Quartet');
		expect(status).toContain('Tucson Arizona');
		// The same file after a checkpoint (everything in the main file) still holds none of it.
		await h.db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
		for (const d of details) expect(filesHolding(h.dbPath, d.name)).toEqual([]);
	});

	it('leaves no trace of a withdrawn signature in any database file within seconds', async () => {
		const id = '910000000000000003';
		await command(
			h,
			'pledge',
			'sign',
			[str('artist_name', 'Gone Tomorrow Band'), str('city', 'El Paso'), bool('public', true)],
			member(id),
		);
		const key = pseudonym(TEST_SIGNER_KEY, id);
		const row = await h.db.signature.findUniqueOrThrow({ where: { signerKey: key } });
		// What is stored: the pseudonym and the two ciphertexts. All of it is in the files now…
		const traces = [key, row.artistName ?? '', row.city ?? ''];
		for (const trace of traces) expect(filesHolding(h.dbPath, trace)).not.toEqual([]);
		const reply = await command(h, 'pledge', 'withdraw', [], member(id));
		expect(textOf(reply.data)).toContain('Your signature was withdrawn');
		// …and none of it shortly after the withdraw: not the row, not its WAL frames, not its index entry.
		await waitFor(
			() => traces.every((trace) => filesHolding(h.dbPath, trace).length === 0),
			'the withdrawn row gone from db, -wal and -shm',
		);
	});
});

describe('names kept', () => {
	it('keeps the stored name when signing again with only public', async () => {
		const id = '920000000000000001';
		await command(h, 'pledge', 'sign', [str('artist_name', 'Chosen Name')], member(id, 'Discord Display'));
		const reply = await command(h, 'pledge', 'sign', [bool('public', true)], member(id, 'Discord Display'));
		expect(textOf(reply.data)).toContain('Chosen Name');
		expect(await stored(id)).toMatchObject({ artistName: 'Chosen Name', public: true });
	});

	it('never stores the display name of a private signer, and uses it on a first public signing without a name', async () => {
		const id = '920000000000000002';
		await command(h, 'pledge', 'sign', [str('city', 'Quito')], member(id, 'First Display'));
		expect(await stored(id)).toMatchObject({ artistName: null, public: false });
		await command(h, 'pledge', 'sign', [bool('public', false)], member(id, 'First Display'));
		expect(await stored(id)).toMatchObject({ artistName: null, public: false });

		await command(h, 'pledge', 'sign', [bool('public', true)], member(id, 'Public Display'));
		expect(await stored(id)).toMatchObject({ artistName: 'Public Display', public: true });
		// A later display name does not replace the one stored.
		await command(h, 'pledge', 'sign', [bool('public', true)], member(id, 'Renamed Display'));
		expect(await stored(id)).toMatchObject({ artistName: 'Public Display', public: true });
	});

	it('does not store a display name for a new private signature', async () => {
		const id = '920000000000000003';
		await command(h, 'pledge', 'sign', [bool('public', false)], member(id, 'Never Stored'));
		expect(await stored(id)).toMatchObject({ artistName: null, public: false });
		expect(filesHolding(h.dbPath, 'Never Stored')).toEqual([]);
	});
});

const DAY = 86_400_000;
const flagOptions = (n: number) => [
	str('event', `Flood Fest ${n}`),
	str('venue', 'Somewhere'),
	str('date', new Date(h.clock.now.getTime() + 30 * DAY).toISOString().slice(0, 10)),
	str('connection', 'aws'),
	str('link', `https://example.com/flood-${n}`),
];

describe('gig reports', () => {
	it('keys a reporter apart from the same member as a signer', async () => {
		const id = '930000000000000001';
		await command(h, 'pledge', 'sign', [], member(id));
		const reply = await command(h, 'gig', 'flag', flagOptions(100), { guildId: guild.id, ...member(id) });
		expect(textOf(reply.data)).toContain('Gig flagged');
		const report = await h.db.gigReport.findFirstOrThrow({
			where: { flag: { linkKey: 'https://example.com/flood-100' } },
		});
		const signerKey = pseudonym(TEST_SIGNER_KEY, id);
		expect(report.reporterKey).toBe(reporterPseudonym(TEST_SIGNER_KEY, id));
		expect(report.reporterKey).not.toBe(signerKey);
		expect(await h.db.signature.count({ where: { signerKey: report.reporterKey } })).toBe(0);
	});

	it('accepts exactly the limit of 12 simultaneous flags from one member', async () => {
		h.clock.now = new Date(h.clock.now.getTime() + 2 * 60 * 60 * 1000); // a fresh flood window
		const actor = { guildId: guild.id, ...member('930000000000000002') };
		const replies = await Promise.all(
			Array.from({ length: 12 }, (_, i) => command(h, 'gig', 'flag', flagOptions(i), actor)),
		);
		const texts = replies.map((r) => textOf(r.data));
		expect(texts.filter((t) => t.includes('Gig flagged'))).toHaveLength(5);
		expect(texts.filter((t) => t.includes('You have filed 5 flags in the last hour'))).toHaveLength(7);
		expect(
			await h.db.gigReport.count({ where: { reporterKey: reporterPseudonym(TEST_SIGNER_KEY, '930000000000000002') } }),
		).toBe(5);
	});
});
