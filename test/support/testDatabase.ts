// The database a test runs on: a SQLite file in a temp folder, or (TEST_DATABASE=postgres, the PostgreSQL test
// project) a fresh database on the test server, dropped afterwards. Nothing is mocked either way.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseTarget } from '../../src/db/client.js';
import { migrateDatabase, migratePostgres } from '../../src/db/migrate.js';

export type Backend = DatabaseTarget['provider'];

export const TEST_BACKEND: Backend = process.env.TEST_DATABASE === 'postgres' ? 'postgresql' : 'sqlite';

export interface TestDatabase {
	target: DatabaseTarget;
	/** DATABASE_URL of it, for a bot process. */
	url: string;
	/** A temp folder of the test's own (the SQLite file is `pledge.db` in it). */
	dir: string;
	drop(): Promise<void>;
}

/** A new empty database of the test backend (the bot's start-up path migrates it). */
export async function createTestDatabase(prefix = 'nmfi-db-'): Promise<TestDatabase> {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	if (TEST_BACKEND === 'sqlite') {
		const file = path.join(dir, 'pledge.db');
		return {
			target: { provider: 'sqlite', path: file },
			url: `file:${file}`,
			dir,
			drop: async () => rmSync(dir, { recursive: true, force: true }),
		};
	}
	const server = inject('postgresUrl');
	const name = `nmfi_${randomBytes(8).toString('hex')}`;
	await admin(server, `CREATE DATABASE ${name}`);
	const url = new URL(server);
	url.pathname = `/${name}`;
	return {
		target: { provider: 'postgresql', url: url.toString() },
		url: url.toString(),
		dir,
		async drop() {
			rmSync(dir, { recursive: true, force: true });
			await admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		},
	};
}

async function admin(server: string, sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: server });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/** The SQL migrations only (data tests; the bot's start-up path is prepareTarget). */
export async function migrateTestDatabase(target: DatabaseTarget): Promise<void> {
	if (target.provider === 'sqlite') await migrateDatabase({ databasePath: target.path });
	else await migratePostgres({ url: target.url });
}
