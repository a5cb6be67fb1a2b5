// The counters the migrations' triggers keep (model Counter): the milestone job reads them instead of counting every
// signature and reading every server, so they must follow every write, on both backends (this file runs in the
// PostgreSQL project too). A later migration that redefines a table on SQLite drops its triggers: this fails then.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { updateGuildSettings } from '../../src/db/guildSettings.js';
import { milestoneInputs, recordMilestones } from '../../src/db/milestones.js';
import { signPledge, withdrawSignature } from '../../src/db/signatures.js';
import { createTestDatabase, migrateTestDatabase, type TestDatabase } from '../support/testDatabase.js';

let database: TestDatabase;
let db: Database;
beforeEach(async () => {
	database = await createTestDatabase('counters-test-');
	await migrateTestDatabase(database.target);
	db = await openDatabase(database.target, {
		signerKey: '5e71e5000000000000000000000000000000000000000000000000000000000c',
	});
});
afterEach(async () => {
	await db.$disconnect();
	await database.drop();
});

describe('Counter', () => {
	it('counts the signatures through batched signing, signing again and withdrawing', async () => {
		expect((await milestoneInputs(db)).total).toBe(0);
		const now = new Date();
		// One event-loop turn: one multi-row insert; the same member twice inserts once and updates once.
		await Promise.all([
			signPledge(db, 'signer-1', 'guild-1', {}, now),
			signPledge(db, 'signer-2', 'guild-1', {}, now),
			signPledge(db, 'signer-3', 'guild-2', {}, now),
			signPledge(db, 'signer-3', 'guild-2', { city: 'Lyon' }, now),
		]);
		expect((await milestoneInputs(db)).total).toBe(3);
		await signPledge(db, 'signer-1', 'guild-1', {}, now);
		expect((await milestoneInputs(db)).total).toBe(3);
		expect(await withdrawSignature(db, 'signer-2')).toBe(true);
		expect(await withdrawSignature(db, 'signer-2')).toBe(false);
		await db.signature.deleteMany({ where: { guildId: 'guild-2' } });
		expect((await milestoneInputs(db)).total).toBe(1);
		expect(await db.signature.count()).toBe(1);
	});

	it('changes the milestone inputs version with every write to the settings or the milestones, not with signing', async () => {
		const versions = [(await milestoneInputs(db)).version];
		const changed = async () => {
			const { version } = await milestoneInputs(db);
			expect(versions).not.toContain(version);
			versions.push(version);
		};
		await updateGuildSettings(db, 'guild-1', 'admin', 'setup.announcements', { announcementChannelId: '1' });
		await changed();
		await updateGuildSettings(db, 'guild-1', 'admin', 'setup.milestones', { milestoneThresholds: '5' });
		await changed();
		await recordMilestones(
			db,
			[{ guildId: 'guild-1', threshold: 5, posted: false, messageId: null, total: 5 }],
			new Date(),
		);
		await changed();
		await db.milestoneAnnouncement.deleteMany({ where: { guildId: 'guild-1' } });
		await changed();
		await db.guildSettings.delete({ where: { guildId: 'guild-1' } });
		await changed();
		await signPledge(db, 'signer-1', 'guild-1', {}, new Date());
		expect((await milestoneInputs(db)).version).toBe(versions.at(-1));
	});
});
