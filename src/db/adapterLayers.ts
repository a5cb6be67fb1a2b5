// Layers around Prisma's driver adapters: a statement observer (adapter-pg has no `verbose` hook like
// better-sqlite3's), the transaction isolation better-sqlite3's single connection needs, and the connection shared
// with the hot statements of a signing burst.

import { performance } from 'node:perf_hooks';
import {
	isDriverAdapterError,
	type SqlDriverAdapter,
	type SqlDriverAdapterFactory,
	type SqlQuery,
	type SqlQueryable,
	type SqlResultSet,
	type Transaction,
} from '@prisma/driver-adapter-utils';

export interface StatementObserver {
	sent?: (sql: string) => void;
	done?: (sql: string, ms: number) => void;
}

/**
 * Reports every statement sent, and its time once its result is back (adapter-pg has no `verbose` hook like
 * better-sqlite3's; neither driver times statements).
 */
export function observeStatements(
	factory: SqlDriverAdapterFactory,
	observer: StatementObserver,
): SqlDriverAdapterFactory {
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
 * transactions one at a time (its mutex guards only startTransaction: @prisma/adapter-better-sqlite3 7.10,
 * dist/index.mjs, PrismaBetterSqlite3Adapter). No upstream issue found for it; the same defect, fixed the same
 * way, in Bun's SQLite driver: https://github.com/oven-sh/bun/pull/33581. test/db/transactionIsolation.test.ts
 * checks both this layer and, as a canary, that the bare adapter still loses the write (when that test fails,
 * the adapter was fixed and this layer can go).
 */
export function isolateTransactions(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
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
			return {
				...forwarding(adapter),
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
			};
		},
	};
}

/** An adapter that passes every call to `adapter`: the base of a layer, which replaces the calls it changes. */
function forwarding(adapter: SqlDriverAdapter): SqlDriverAdapter {
	const forwarded: SqlDriverAdapter = {
		provider: adapter.provider,
		adapterName: adapter.adapterName,
		queryRaw: (query) => adapter.queryRaw(query),
		executeRaw: (query) => adapter.executeRaw(query),
		executeScript: (script) => adapter.executeScript(script),
		startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
		dispose: () => adapter.dispose(),
	};
	if (adapter.getConnectionInfo) forwarded.getConnectionInfo = adapter.getConnectionInfo.bind(adapter);
	return forwarded;
}

/** Statements run on the connection Prisma opened, beside Prisma: values bound as the driver takes them. */
export interface SharedConnection {
	query(sql: string, args: unknown[]): Promise<SqlResultSet>;
}

/**
 * A shared statement the database refused, with the driver's kind and code. The driver's own error is left behind:
 * PostgreSQL's `detail` quotes the failing row (pseudonym, city tag, ciphertexts), which no log should hold.
 */
export class StatementError extends Error {
	override readonly name = 'StatementError';
	constructor(
		/** The driver's code (SQLite's `SQLITE_CONSTRAINT_NOTNULL`, PostgreSQL's SQLSTATE `23502`) or Prisma's kind. */
		readonly code: string,
		kind: string,
	) {
		super(`the database refused the statement: ${kind} (${code})`);
	}
}

/**
 * No type for Prisma to convert by: the values are given as the driver binds them (src/db/dialect.ts: 1/0 and ms on
 * SQLite, booleans and Dates on PostgreSQL); the adapters read the type only for strings Prisma serialised.
 */
const AS_GIVEN = { scalarType: 'unknown', arity: 'scalar' } as const;

/**
 * Shares the connection Prisma opens through `factory` (with the layers below it) with statements that skip the
 * client: Prisma serialises, plans and deserialises every bound value of a raw query, which for the multi-row
 * inserts of a signing burst cost more CPU than SQLite's work (BENCHMARKS.md "Round 5"). A statement while Prisma
 * is not connected (before its first query, after $disconnect) fails rather than opening a second connection; once
 * a Prisma call connects again, shared statements run on that connection.
 */
export function shareConnection(factory: SqlDriverAdapterFactory): {
	factory: SqlDriverAdapterFactory;
	connection: SharedConnection;
} {
	let connected: SqlDriverAdapter | undefined;
	const connection: SharedConnection = {
		async query(sql, args) {
			if (!connected) throw new Error('the database is not connected');
			try {
				return await connected.queryRaw({ sql, args, argTypes: args.map(() => AS_GIVEN) });
			} catch (error) {
				if (!isDriverAdapterError(error)) throw error;
				const { kind, originalCode } = error.cause;
				throw new StatementError(originalCode ?? kind, kind);
			}
		},
	};
	return {
		connection,
		factory: {
			provider: factory.provider,
			adapterName: factory.adapterName,
			async connect(): Promise<SqlDriverAdapter> {
				const adapter = await factory.connect();
				connected = adapter;
				return {
					...forwarding(adapter),
					dispose() {
						if (connected === adapter) connected = undefined;
						return adapter.dispose();
					},
				};
			},
		},
	};
}
