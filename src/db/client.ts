import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.js';
import { bindDetailsCipher, createDetailsCipher } from '../privacy/detailsCipher.js';
import { BUSY_TIMEOUT_MS, CONNECTION_PRAGMAS } from './pragmas.js';

export type Database = PrismaClient;

export interface DatabaseOptions {
	/** SIGNER_KEY: the signature details are encrypted under a key derived from it. */
	signerKey: string;
	/** Called with every SQL statement run (benchmarks and tests count them). */
	onStatement?: (sql: string) => void;
}

/**
 * Opens the SQLite file (already prepared: src/db/prepare.ts) with the per-connection pragmas, bound to the cipher
 * of the signature details. A wrapper of the returned client (tests) is bound with bindDetailsCipher too.
 */
export async function openDatabase(databasePath: string, options: DatabaseOptions): Promise<Database> {
	mkdirSync(path.dirname(databasePath), { recursive: true });
	const onStatement = options.onStatement;
	const adapter = new PrismaBetterSqlite3(
		{
			url: `file:${databasePath}`,
			timeout: BUSY_TIMEOUT_MS,
			...(onStatement ? { verbose: (sql: unknown) => onStatement(String(sql)) } : {}),
		},
		{ timestampFormat: 'unixepoch-ms' },
	);
	const db = new PrismaClient({ adapter: isolateTransactions(adapter) });
	// WAL is persistent in the file (set by the migrator); these are per connection.
	for (const pragma of CONNECTION_PRAGMAS) await db.$queryRawUnsafe(`PRAGMA ${pragma}`);
	bindDetailsCipher(db, createDetailsCipher(options.signerKey));
	return db;
}

/**
 * better-sqlite3 is one connection. Prisma opens a transaction on it with BEGIN and then awaits between its
 * statements (interactive transactions, nested creates); a statement from a concurrent handler issued in between
 * would run inside that transaction and be rolled back with it, although its handler saw it succeed (seen: the
 * reports of members flagging one gig at once were lost with a racing flag's rolled-back insert). So statements
 * outside a transaction wait until no transaction is open or waiting to open; the adapter itself already runs
 * transactions one at a time.
 */
function isolateTransactions(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
	return {
		provider: factory.provider,
		adapterName: factory.adapterName,
		async connect(): Promise<SqlDriverAdapter> {
			const adapter = await factory.connect();
			const transactions = new Set<Promise<void>>();
			const outside = async <T>(run: () => Promise<T>): Promise<T> => {
				while (transactions.size > 0) await Promise.all(transactions);
				return run();
			};
			const wrapped: SqlDriverAdapter = {
				provider: adapter.provider,
				adapterName: adapter.adapterName,
				queryRaw: (query) => outside(() => adapter.queryRaw(query)),
				executeRaw: (query) => outside(() => adapter.executeRaw(query)),
				executeScript: (script) => outside(() => adapter.executeScript(script)),
				async startTransaction(isolationLevel) {
					let release = () => {};
					const ended = new Promise<void>((resolve) => {
						release = () => {
							transactions.delete(ended);
							resolve();
						};
					});
					transactions.add(ended);
					let tx: Transaction;
					try {
						tx = await adapter.startTransaction(isolationLevel);
					} catch (error) {
						release();
						throw error;
					}
					const inner = tx;
					// The transaction's own statements go straight through; its end lets the waiting statements run.
					return Object.assign(Object.create(inner) as Transaction, {
						queryRaw: (query: Parameters<Transaction['queryRaw']>[0]) => inner.queryRaw(query),
						executeRaw: (query: Parameters<Transaction['executeRaw']>[0]) => inner.executeRaw(query),
						commit: () => inner.commit().finally(release),
						rollback: () => inner.rollback().finally(release),
					});
				},
				dispose: () => adapter.dispose(),
			};
			if (adapter.getConnectionInfo) wrapped.getConnectionInfo = adapter.getConnectionInfo.bind(adapter);
			return wrapped;
		},
	};
}
