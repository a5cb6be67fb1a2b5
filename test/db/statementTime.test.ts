// openDatabase's onStatementTime (the benchmarks' database time of a job): every statement reported once its result is
// back, with its duration, inside transactions too; on both backends (this file runs in the PostgreSQL project too).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { signPledge, totalSignatures } from '../../src/db/signatures.js';
import { createTestDatabase, migrateTestDatabase, type TestDatabase } from '../support/testDatabase.js';

let database: TestDatabase;
let db: Database;
let timed: { sql: string; ms: number }[] = [];
beforeEach(async () => {
	database = await createTestDatabase('statement-time-');
	await migrateTestDatabase(database.target);
	db = await openDatabase(database.target, {
		signerKey: '5e71e5000000000000000000000000000000000000000000000000000000000b',
		onStatementTime: (sql, ms) => timed.push({ sql, ms }),
	});
	timed = [];
});
afterEach(async () => {
	await db.$disconnect();
	await database.drop();
});

describe('onStatementTime', () => {
	it('reports each statement with the time until its result was back', async () => {
		await signPledge(db, 'signer-1', 'guild-1', {}, new Date());
		timed = [];
		expect(await totalSignatures(db)).toBe(1);
		expect(timed).toHaveLength(1);
		expect(timed[0]?.sql).toMatch(/FROM "Counter"/);
		expect(timed[0]?.ms).toBeGreaterThanOrEqual(0);
		expect(timed[0]?.ms).toBeLessThan(5000);
	});

	it('times the statements of a transaction, which still commits', async () => {
		await db.$transaction([
			db.meta.create({ data: { key: 'a', value: '1' } }),
			db.meta.create({ data: { key: 'b', value: '2' } }),
		]);
		expect(timed.filter((t) => /INSERT INTO/i.test(t.sql))).toHaveLength(2);
		expect(await db.meta.count()).toBeGreaterThanOrEqual(2);
	});

	it('reports a statement that fails too', async () => {
		await expect(db.$queryRawUnsafe('SELECT * FROM "NoSuchTable"')).rejects.toThrow();
		expect(timed.map((t) => t.sql)).toContain('SELECT * FROM "NoSuchTable"');
	});
});
