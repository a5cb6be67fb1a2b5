import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type {
	SqlDriverAdapter,
	SqlDriverAdapterFactory,
	SqlQuery,
	SqlQueryable,
	Transaction,
} from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.js';
import { bindDetailsCipher, createDetailsCipher, detailsCipherOf } from '../privacy/detailsCipher.js';
import { bindDialect, dialectOf } from './dialect.js';
import { BUSY_TIMEOUT_MS, CONNECTION_PRAGMAS } from './pragmas.js';

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
 * Opens the database (already prepared: src/db/prepare.ts), bound to the cipher of the signature details and to its
 * dialect. A string is a SQLite file's path. A wrapper of the returned client (tests) is bound with bindLike.
 */
export async function openDatabase(target: string | DatabaseTarget, options: DatabaseOptions): Promise<Database> {
	const where: DatabaseTarget = typeof target === 'string' ? { provider: 'sqlite', path: target } : target;
	const db =
		where.provider === 'sqlite' ? await openSqlite(where.path, options) : await openPostgres(where.url, options);
	bindDialect(db, where.provider);
	bindDetailsCipher(db, createDetailsCipher(options.signerKey));
	return db;
}

/** Binds a wrapper of an open database (a test's Proxy) like the database itself. */
export function bindLike(wrapper: object, db: Database): void {
	bindDialect(wrapper, dialectOf(db));
	bindDetailsCipher(wrapper, detailsCipherOf(db));
}

async function openSqlite(databasePath: string, options: DatabaseOptions): Promise<Database> {
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
	const db = new PrismaClient({ adapter: isolateTransactions(timed) });
	// WAL is persistent in the file (set by the migrator); these are per connection.
	for (const pragma of CONNECTION_PRAGMAS) await db.$queryRawUnsafe(`PRAGMA ${pragma}`);
	return db;
}

/** adapter-pg and the PostgreSQL client are loaded only here, so a SQLite start does not pay for them. */
async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
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
	const db = new PostgresClient({ adapter });
	await db.$connect();
	// The same models and fields from the same schema text (src/db/postgresSchema.ts): only the provider differs.
	return db as unknown as Database;
}

interface StatementObserver {
	sent?: (sql: string) => void;
	done?: (sql: string, ms: number) => void;
}

/**
 * Reports every statement sent, and its time once its result is back (adapter-pg has no `verbose` hook like
 * better-sqlite3's; neither driver times statements).
 */
function observeStatements(factory: SqlDriverAdapterFactory, observer: StatementObserver): SqlDriverAdapterFactory {
	const { sent, done } = observer;
	const timed = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
		sent?.(sql);
		if (!done) return run();
		const started = performance.now();
		try {
			return await run();
		} finally {
			done(sql, performance.now() - started);
		}
	};
	const observe = <Q extends SqlQueryable>(queryable: Q): Q => {
		const observed = Object.create(queryable) as Q;
		// The drivers' methods may read their class's private fields: they run on the driver's own object.
		const methods = queryable as unknown as Record<string, unknown>;
		for (const name of ['commit', 'rollback', 'executeScript', 'dispose', 'getConnectionInfo']) {
			const method = methods[name];
			if (typeof method === 'function') Object.assign(observed, { [name]: method.bind(queryable) });
		}
		return Object.assign(observed, {
			queryRaw: (query: SqlQuery) => timed(query.sql, () => queryable.queryRaw(query)),
			executeRaw: (query: SqlQuery) => timed(query.sql, () => queryable.executeRaw(query)),
		});
	};
	return {
		provider: factory.provider,
		adapterName: factory.adapterName,
		async connect() {
			const adapter = await factory.connect();
			const observed = observe(adapter);
			observed.startTransaction = async (isolationLevel) => observe(await adapter.startTransaction(isolationLevel));
			return observed;
		},
	};
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
