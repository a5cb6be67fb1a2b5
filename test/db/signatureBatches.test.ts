import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatementError } from '../../src/db/adapterLayers.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { countSignatures, findSignature, signPledge } from '../../src/db/signatures.js';
import { serializeError } from '../../src/log/errors.js';
import { heldTransaction, signal } from '../support/heldTransaction.js';
import { createTestDatabase, migrateTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const AT = new Date(Date.UTC(2026, 11, 1, 10, 30));

let database: TestDatabase;
let db: Database;
let statements: string[] = [];
beforeEach(async () => {
	database = await createTestDatabase('batches-test-');
	await migrateTestDatabase(database.target);
	db = await openDatabase(database.target, {
		signerKey: 'ba7c000000000000000000000000000000000000000000000000000000000001',
		onStatement: (sql) => statements.push(sql),
	});
	statements = [];
});
afterEach(async () => {
	await db.$disconnect();
	await database.drop();
});

const inserts = () => statements.filter((sql) => /^\s*INSERT INTO "Signature"/.test(sql));
const counts = () => statements.filter((sql) => /AS n FROM "Counter"/.test(sql));

describe('signature batches', () => {
	it('puts the signs of one event-loop turn in one INSERT, in the order asked', async () => {
		const results = await Promise.all(
			Array.from({ length: 30 }, (_, i) => signPledge(db, `signer-${i}`, 'g1', { city: `City ${i}` }, AT)),
		);
		expect(inserts()).toHaveLength(1);
		expect(results.map((r) => [r.created, r.signature.city])).toEqual(
			Array.from({ length: 30 }, (_, i) => [true, `City ${i}`]),
		);
	});

	it('splits a turn of more than 500 signs over statements of at most 500 rows', async () => {
		await Promise.all(Array.from({ length: 501 }, (_, i) => signPledge(db, `signer-${i}`, 'g1', {}, AT)));
		expect(inserts()).toHaveLength(2);
		expect(await countSignatures(db, 'g1')).toEqual({ total: 501, guildCount: 501 });
	});

	it('of two signs by one member in one turn, inserts the first and updates with the second', async () => {
		const [first, second] = await Promise.all([
			signPledge(db, 'same', 'g1', { city: 'Austin' }, AT),
			signPledge(db, 'same', 'g2', { artistName: 'Later Name', public: true }, AT),
		]);
		expect(inserts()).toHaveLength(1);
		expect(first.created).toBe(true);
		expect(second).toMatchObject({ created: false, signature: { artistName: 'Later Name', city: 'Austin' } });
		expect(await countSignatures(db, 'g1')).toEqual({ total: 1, guildCount: 1 });
		expect(await findSignature(db, 'same')).toMatchObject({ artistName: 'Later Name', city: 'Austin', public: true });
	});

	it('answers the counts of one turn with one statement, each signer counted with their own signature', async () => {
		const signAndCount = async (i: number, guildId: string) => {
			await signPledge(db, `signer-${i}`, guildId, {}, AT);
			return countSignatures(db, guildId);
		};
		const totals = await Promise.all([signAndCount(0, 'g1'), signAndCount(1, 'g1'), signAndCount(2, 'g2')]);
		expect(counts()).toHaveLength(1);
		expect(totals).toEqual([
			{ total: 3, guildCount: 2 },
			{ total: 3, guildCount: 2 },
			{ total: 3, guildCount: 1 },
		]);
		expect(await countSignatures(db, 'g-none')).toEqual({ total: 3, guildCount: 0 });
	});

	it('rejects every sign of a batch whose statement fails, and writes none of them', async () => {
		const noServer = null as unknown as string; // "guildId" is NOT NULL: the one statement of the batch fails
		const settled = await Promise.allSettled([
			signPledge(db, 'a', 'g1', {}, AT),
			signPledge(db, 'b', noServer, {}, AT),
		]);
		expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected']);
		// The driver's kind and code, never its detail: PostgreSQL's quotes the failing row (pseudonym, ciphertexts).
		const reason = (settled[0] as PromiseRejectedResult).reason as StatementError;
		expect(reason).toBeInstanceOf(StatementError);
		expect(reason.code).toMatch(/^(SQLITE_CONSTRAINT_NOTNULL|23502)$/);
		expect(JSON.stringify(serializeError(reason))).not.toMatch(/Failing row|"a"|"b"/);
		expect(await countSignatures(db, 'g1')).toEqual({ total: 0, guildCount: 0 });
	});

	it('run on the connection Prisma opened: after $disconnect a sign fails and reopens nothing', async () => {
		await db.$disconnect();
		await expect(signPledge(db, 'late', 'g1', {}, AT)).rejects.toThrow('the database is not connected');
		await expect(countSignatures(db, 'g1')).rejects.toThrow('the database is not connected');
		expect(inserts()).toEqual([]);
	});

	it("wait, like Prisma's own statements, for an open interactive transaction: its rollback keeps the signature", async () => {
		// On SQLite's one connection this checks the isolation layer; PostgreSQL's pool gives the sign its own connection.
		const signSent = signal();
		const { open, rolledBack } = heldTransaction(db, signSent.promise);
		await open;
		const signed = signPledge(db, 'during', 'g1', { city: 'Austin' }, AT);
		// The batch is scheduled with setImmediate: two turns later its statement was sent (or is waiting).
		await new Promise((resolve) => setImmediate(resolve));
		await new Promise((resolve) => setImmediate(resolve));
		signSent.resolve();
		expect(await rolledBack).toBe('roll back');
		expect((await signed).created).toBe(true);
		expect(await findSignature(db, 'during')).toMatchObject({ city: 'Austin' });
		expect(await db.guildSettings.count()).toBe(0);
	});
});
