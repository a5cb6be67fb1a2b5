import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';

export type Database = PrismaClient;

export interface DatabaseOptions {
	/** Called with every SQL statement run (benchmarks and tests count them). */
	onStatement?: (sql: string) => void;
}

/** Opens the SQLite file (already migrated, WAL set by the migrator) with the per-connection pragmas. */
export async function openDatabase(databasePath: string, options: DatabaseOptions = {}): Promise<Database> {
	mkdirSync(path.dirname(databasePath), { recursive: true });
	const onStatement = options.onStatement;
	const adapter = new PrismaBetterSqlite3(
		{
			url: `file:${databasePath}`,
			timeout: 5000, // busy timeout: wait for a concurrent writer instead of failing with SQLITE_BUSY
			...(onStatement ? { verbose: (sql: unknown) => onStatement(String(sql)) } : {}),
		},
		{ timestampFormat: 'unixepoch-ms' },
	);
	const db = new PrismaClient({ adapter });
	// WAL is persistent in the file; synchronous=NORMAL is per connection and safe with WAL.
	await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
	await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
	return db;
}
