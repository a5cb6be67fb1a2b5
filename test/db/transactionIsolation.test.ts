// The transaction isolation layer around better-sqlite3 (src/db/adapterLayers.ts), and the adapter defect it works
// around: a statement issued outside an open interactive transaction runs inside it on the one connection.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isolateTransactions, observeStatements } from '../../src/db/adapterLayers.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { heldTransaction, signal } from '../support/heldTransaction.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const RAW_INSERT = `INSERT INTO "GuildSettings" ("guildId", "updatedAt") VALUES ('raw', 0)`;

let database: TestDatabase;
let clients: PrismaClient[] = [];
beforeEach(async () => {
	database = await createTestDatabase('isolation-test-');
	if (database.target.provider !== 'sqlite') throw new Error('a SQLite suite');
	await migrateDatabase({ databasePath: database.target.path });
});
afterEach(async () => {
	await Promise.all(clients.map((client) => client.$disconnect()));
	clients = [];
	await database.drop();
});

/**
 * A client on the adapter with `layer` around it, and a promise for the moment the raw INSERT reached it (observed
 * outside the layer: with isolation the statement arrives, then waits).
 */
function clientWith(layer: (factory: SqlDriverAdapterFactory) => SqlDriverAdapterFactory) {
	if (database.target.provider !== 'sqlite') throw new Error('a SQLite suite');
	const arrived = signal();
	const base = new PrismaBetterSqlite3({ url: `file:${database.target.path}` }, { timestampFormat: 'unixepoch-ms' });
	const adapter = observeStatements(layer(base), {
		sent: (sql) => {
			if (sql === RAW_INSERT) arrived.resolve();
		},
	});
	const client = new PrismaClient({ adapter });
	clients.push(client);
	return { client, rawArrived: arrived.promise };
}

/** Holds an interactive transaction open until the raw INSERT reached the adapter, then rolls it back. */
async function rawInsertDuringRolledBackTransaction(client: PrismaClient, rawArrived: Promise<void>) {
	const { open, rolledBack } = heldTransaction(client, rawArrived);
	await open;
	// Prisma's promises are lazy: `then` sends them now, while the transaction is open.
	const raw = client.$executeRawUnsafe(RAW_INSERT).then(() => 'raw');
	const model = client.guildSettings.create({ data: { guildId: 'model' } }).then(() => 'model');
	expect(await rolledBack).toBe('roll back');
	await Promise.all([raw, model]);
	const rows = await client.guildSettings.findMany({ select: { guildId: true }, orderBy: { guildId: 'asc' } });
	return rows.map((row) => row.guildId);
}

describe('statements outside an interactive transaction on better-sqlite3', () => {
	it('wait for it to end: a rollback takes only its own writes', async () => {
		const { client, rawArrived } = clientWith(isolateTransactions);
		expect(await rawInsertDuringRolledBackTransaction(client, rawArrived)).toEqual(['model', 'raw']);
	});

	it('are rolled back with it on the bare adapter (the defect the layer works around; fixed upstream when this fails)', async () => {
		const { client, rawArrived } = clientWith((factory) => factory);
		expect(await rawInsertDuringRolledBackTransaction(client, rawArrived)).not.toContain('raw');
	});
});
