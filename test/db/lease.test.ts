// The milestone job's lease and claims on a real database (SQLite file, or PostgreSQL in its project), with two
// database connections standing for two processes, and a clock the test moves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { leaseOf, releaseLease, takeLease } from '../../src/db/lease.js';
import { claimMilestones, openClaims, recordMilestones } from '../../src/db/milestones.js';
import { createLeader } from '../../src/jobs/leader.js';
import { createLogger } from '../../src/log.js';
import { TEST_SIGNER_KEY } from '../e2e/harness.js';
import { createTestDatabase, migrateTestDatabase, type TestDatabase } from '../support/testDatabase.js';
import { waitFor } from '../support/waitFor.js';

const LEASE = 'milestones';
const TTL = 10_000;
let database: TestDatabase;
let a: Database;
let b: Database;
beforeEach(async () => {
	database = await createTestDatabase('lease-test-');
	await migrateTestDatabase(database.target);
	a = await openDatabase(database.target, { signerKey: TEST_SIGNER_KEY });
	b = await openDatabase(database.target, { signerKey: TEST_SIGNER_KEY });
});
afterEach(async () => {
	await a.$disconnect();
	await b.$disconnect();
	await database.drop();
});

const at = (ms: number) => new Date(1_800_000_000_000 + ms);
const quiet = createLogger({ level: 'silent', secrets: [], write: () => {} });

describe('the job lease', () => {
	it('is held by one process at a time, renewed by its holder, and taken over only once it has expired', async () => {
		expect(await takeLease(a, LEASE, 'A', at(0), TTL)).toBe(true);
		expect(await takeLease(b, LEASE, 'B', at(1000), TTL)).toBe(false);
		expect(await takeLease(a, LEASE, 'A', at(5000), TTL)).toBe(true); // renewed: now until 15 s
		expect(await takeLease(b, LEASE, 'B', at(14_999), TTL)).toBe(false);
		expect(await leaseOf(b, LEASE)).toEqual({ holder: 'A', expiresAt: at(15_000) });
		// A dies (stops renewing): B takes over once the lease has expired, and A cannot take it back.
		expect(await takeLease(b, LEASE, 'B', at(15_000), TTL)).toBe(true);
		expect(await takeLease(a, LEASE, 'A', at(15_001), TTL)).toBe(false);
		expect((await leaseOf(a, LEASE))?.holder).toBe('B');
	});

	it('goes to exactly one of two processes racing for it', async () => {
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => takeLease(i % 2 ? a : b, LEASE, `P${i}`, at(0), TTL)),
		);
		expect(results.filter(Boolean)).toHaveLength(1);
	});

	it('released, is free at once; a release by a process that lost it changes nothing', async () => {
		await takeLease(a, LEASE, 'A', at(0), TTL);
		await releaseLease(b, LEASE, 'B');
		expect(await takeLease(b, LEASE, 'B', at(1), TTL)).toBe(false);
		await releaseLease(a, LEASE, 'A');
		expect(await takeLease(b, LEASE, 'B', at(2), TTL)).toBe(true);
	});

	it('runs the job in the leader only, and reports the lease lost when a renewal finds it taken over', async () => {
		// Both clocks stay at 0: A's renewals (every ttl/3) never extend its lease past 60 ms, so B taking over at 61 ms
		// wins whichever UPDATE commits first, and A's next renewal finds the lease gone.
		const clock = () => at(0);
		const leaderA = createLeader(a, LEASE, quiet, { holder: 'A', ttlMs: 60, now: clock });
		const leaderB = createLeader(b, LEASE, quiet, { holder: 'B', ttlMs: 60, now: clock });
		const ranA = await leaderA.whileLeading(async (stillLeading) => {
			expect(await leaderB.whileLeading(async () => 'B ran')).toBeUndefined();
			expect(await takeLease(b, LEASE, 'B', at(61), 60_000)).toBe(true);
			await waitFor(() => !stillLeading(), 'A to see its lease lost', { timeoutMs: 2000, intervalMs: 5 });
			return 'A ran';
		});
		expect(ranA).toBe('A ran');
	});
});

describe('milestone claims', () => {
	it('go to one caller only, stay open until recorded, and a recorded row is never overwritten', async () => {
		await a.guildSettings.create({
			data: { guildId: '900000000000000001', announcementChannelId: '900000000000000002' },
		});
		const claim = {
			guildId: '900000000000000001',
			threshold: 10,
			channelId: '900000000000000002',
			nonce: 'n',
			total: 10,
		};
		const [wonA, wonB] = await Promise.all([claimMilestones(a, [claim], at(0)), claimMilestones(b, [claim], at(0))]);
		expect([wonA.length, wonB.length].sort()).toEqual([0, 1]);
		expect(await openClaims(b)).toEqual([claim]);

		const done = { guildId: claim.guildId, threshold: 10, posted: true, messageId: '900000000000000003', total: 10 };
		await recordMilestones(a, [done], at(1));
		expect(await openClaims(b)).toEqual([]);
		await recordMilestones(b, [{ ...done, posted: false, messageId: null }], at(2));
		expect(await a.milestoneAnnouncement.findMany()).toEqual([
			expect.objectContaining({ threshold: 10, state: 'done', posted: true, messageId: '900000000000000003' }),
		]);
		expect(await claimMilestones(b, [claim], at(3))).toEqual([]);
	});
});
