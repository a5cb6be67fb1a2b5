import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.js';
import { bindDetailsCipher, createDetailsCipher, detailsCipherOf } from '../privacy/detailsCipher.js';
import { isolateTransactions, observeStatements, type SharedConnection, shareConnection } from './adapterLayers.js';
import { bindDialect, dialectOf } from './dialect.js';
import { BUSY_TIMEOUT_MS, CONNECTION_PRAGMAS } from './pragmas.js';
import { bindSignatureBatches, bindSignatureBatchesLike } from './signatureBatches.js';

/**
 * The client type of both databases. PostgreSQL's generated client (src/generated/prisma-pg) has the same model API
 * but is a distinct type: it is cast to this one once, in openPostgres; raw SQL differs and asks dialectOf(db).
 */
export type Database = PrismaClient;

/** Where the data lives: a SQLite file (the embedded default) or a PostgreSQL database (DATABASE_URL). */
export type DatabaseTarget = { provider: 'sqlite'; path: string } | { provider: 'postgresql'; url: string };

export interface DatabaseOptions {
	/** SIGNER_KEY: the signature details are encrypted under a key derived from it. */
	signerKey: string;
	/** Called with every SQL statement run (benchmarks and tests count them). */
	onStatement?: (sql: string) => void;
	/**
	 * Called when a statement's result is back, with the milliseconds from sending it to its rows converted by the
	 * driver adapter: the database time of a job (benchmarks sum it). Waiting for the SQLite connection is not in it.
	 */
	onStatementTime?: (sql: string, ms: number) => void;
}

/**
 * Opens the database (already prepared: src/db/prepare.ts), bound to the cipher of the signature details, to its
 * dialect and to its statement batches. A string is a SQLite file's path. A wrapper of the returned client (tests)
 * is bound with bindLike.
 */
export async function openDatabase(target: string | DatabaseTarget, options: DatabaseOptions): Promise<Database> {
	const where: DatabaseTarget = typeof target === 'string' ? { provider: 'sqlite', path: target } : target;
	const { db, connection } =
		where.provider === 'sqlite' ? await openSqlite(where.path, options) : await openPostgres(where.url, options);
	bindDialect(db, where.provider);
	bindDetailsCipher(db, createDetailsCipher(options.signerKey));
	bindSignatureBatches(db, where.provider, connection);
	return db;
}

/** Binds a wrapper of an open database (a test's Proxy) like the database itself. */
export function bindLike(wrapper: object, db: Database): void {
	bindDialect(wrapper, dialectOf(db));
	bindDetailsCipher(wrapper, detailsCipherOf(db));
	bindSignatureBatchesLike(wrapper, db);
}

interface Opened {
	db: Database;
	/** Prisma's connection, shared with the hot statements that skip the client. */
	connection: SharedConnection;
}

async function openSqlite(databasePath: string, options: DatabaseOptions): Promise<Opened> {
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
	const timed = options.onStatementTime ? observeStatements(adapter, { done: options.onStatementTime }) : adapter;
	const shared = shareConnection(isolateTransactions(timed));
	const db = new PrismaClient({ adapter: shared.factory });
	// WAL is persistent in the file (set by the migrator); these are per connection.
	for (const pragma of CONNECTION_PRAGMAS) await db.$queryRawUnsafe(`PRAGMA ${pragma}`);
	return { db, connection: shared.connection };
}

/** adapter-pg and the PostgreSQL client are loaded only here, so a SQLite start does not pay for them. */
async function openPostgres(url: string, options: DatabaseOptions): Promise<Opened> {
	const [{ PrismaPg }, { PrismaClient: PostgresClient }] = await Promise.all([
		import('@prisma/adapter-pg'),
		import('../generated/prisma-pg/client.js'),
	]);
	const factory: SqlDriverAdapterFactory = new PrismaPg({ connectionString: url });
	const { onStatement, onStatementTime } = options;
	const adapter =
		onStatement || onStatementTime
			? observeStatements(factory, {
					...(onStatement ? { sent: onStatement } : {}),
					...(onStatementTime ? { done: onStatementTime } : {}),
				})
			: factory;
	const shared = shareConnection(adapter);
	const db = new PostgresClient({ adapter: shared.factory });
	await db.$connect();
	// The same models and fields from the same schema text (src/db/postgresSchema.ts): only the provider differs.
	return { db: db as unknown as Database, connection: shared.connection };
}
