// PostgreSQL's start-up path on a real server (the postgres test project): its own migrations applied once by the
// wasm engine, the key recorded and checked, a history problem refused, and a schema change written by
// db:migration applying there. The SQLite path is test/db/migrate.test.ts and dataSteps.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { MigrationError } from '../../src/db/errors.js';
import {
	createPostgresMigration,
	migratePostgres,
	POSTGRES_MIGRATIONS_DIR,
	POSTGRES_SCHEMA_PATH,
} from '../../src/db/migrate.js';
import { prepareDatabase, preparePostgres } from '../../src/db/prepare.js';
import { countSignatures, signPledge } from '../../src/db/signatures.js';
import { SignerKeyError } from '../../src/db/signerKey.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const KEY = '9e57000000000000000000000000000000000000000000000000000000000001';
const OTHER_KEY = '9e57000000000000000000000000000000000000000000000000000000000002';

let database: TestDatabase;
let url: string;
beforeEach(async () => {
	database = await createTestDatabase('pg-test-');
	if (database.target.provider !== 'postgresql')
		throw new Error('run in the postgres project (TEST_DATABASE=postgres)');
	url = database.target.url;
});
afterEach(() => database.drop());

async function query<T extends object>(sql: string, values: unknown[] = []): Promise<T[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<T>(sql, values)).rows;
	} finally {
		await client.end();
	}
}

const initName = () => fs.readdirSync(POSTGRES_MIGRATIONS_DIR).filter((n) => /^\d{14}_/.test(n))[0];

describe('PostgreSQL start-up', () => {
	it('applies its migrations once, seeds the lease, records the key, and then serves the data functions', async () => {
		const first = await preparePostgres({ url, configuredKey: KEY });
		expect(first.applied).toEqual(
			fs
				.readdirSync(POSTGRES_MIGRATIONS_DIR)
				.filter((n) => /^\d{14}_/.test(n))
				.sort(),
		);
		// The same data steps as a new SQLite database records.
		const sqlite = await prepareDatabase({ databasePath: path.join(database.dir, 'pledge.db'), configuredKey: KEY });
		expect(first.dataSteps).toEqual(sqlite.dataSteps);
		expect(await preparePostgres({ url, configuredKey: KEY })).toMatchObject({ applied: [], dataSteps: [] });
		const history = await query<{ migration_name: string; finished_at: Date | null }>(
			'SELECT migration_name, finished_at FROM _prisma_migrations',
		);
		expect(history.map((r) => r.migration_name)).toEqual(first.applied);
		expect(history.every((r) => r.finished_at !== null)).toBe(true);
		expect(await query('SELECT "name", "holder" FROM "JobLease"')).toEqual([{ name: 'milestones', holder: '' }]);

		const db = await openDatabase({ provider: 'postgresql', url }, { signerKey: KEY });
		try {
			const signed = await signPledge(db, 'k1', 'g1', { artistName: 'Ana', public: true }, new Date());
			expect(signed).toEqual({
				created: true,
				signature: { artistName: 'Ana', city: null, public: true, unlisted: false },
			});
			expect(await countSignatures(db, 'g1')).toEqual({ total: 1, guildCount: 1 });
			// Stored encrypted, as on SQLite.
			expect(await query('SELECT "artistName" FROM "Signature" WHERE "artistName" LIKE $1', ['%Ana%'])).toEqual([]);
		} finally {
			await db.$disconnect();
		}
	});

	it('refuses another key with one line naming SIGNER_KEY, and changes nothing; and requires SIGNER_KEY', async () => {
		await preparePostgres({ url, configuredKey: KEY });
		const before = await query('SELECT key, value FROM "Meta" ORDER BY key');
		const error = await preparePostgres({ url, configuredKey: OTHER_KEY }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SignerKeyError);
		expect((error as Error).message).toMatch(/^SIGNER_KEY is not the key of the database PostgreSQL postgres@/);
		expect((error as Error).message).not.toContain('\n');
		expect(await query('SELECT key, value FROM "Meta" ORDER BY key')).toEqual(before);
		await expect(preparePostgres({ url, configuredKey: undefined })).rejects.toThrow(
			/^SIGNER_KEY is missing: it is required with PostgreSQL/,
		);
	});

	it('refuses a history whose applied migration was edited, naming it', async () => {
		const migrationsDir = path.join(database.dir, 'migrations');
		fs.cpSync(POSTGRES_MIGRATIONS_DIR, migrationsDir, { recursive: true });
		await migratePostgres({ url, migrationsDir });
		const name = initName() ?? '';
		fs.appendFileSync(path.join(migrationsDir, name, 'migration.sql'), '\n-- edited\n');
		const error = await migratePostgres({ url, migrationsDir }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(MigrationError);
		expect((error as Error).message).toBe(
			`Migration ${name} was edited after it was applied (checksum differs); restore the original file or create a new migration`,
		);
	});

	it('stops on a failed migration with its error, and refuses it again on the next start', async () => {
		const migrationsDir = path.join(database.dir, 'migrations');
		fs.cpSync(POSTGRES_MIGRATIONS_DIR, migrationsDir, { recursive: true });
		fs.mkdirSync(path.join(migrationsDir, '99990101000000_broken'));
		fs.writeFileSync(path.join(migrationsDir, '99990101000000_broken', 'migration.sql'), 'SELECT * FROM "Nowhere";');
		const error = await migratePostgres({ url, migrationsDir }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(MigrationError);
		expect((error as Error).message).toMatch(/^Migration 99990101000000_broken failed \(.*Nowhere.*\) and may be/);
		await expect(migratePostgres({ url, migrationsDir })).rejects.toThrow(
			/^Migration 99990101000000_broken failed on an earlier start/,
		);
	});

	it('applies a migration that db:migration wrote for a schema change, from the SQLite schema', async () => {
		const migrationsDir = path.join(database.dir, 'migrations');
		const schemaPath = path.join(database.dir, 'postgres.prisma');
		const sqliteSchemaPath = path.join(database.dir, 'schema.prisma');
		fs.cpSync(POSTGRES_MIGRATIONS_DIR, migrationsDir, { recursive: true });
		fs.copyFileSync(POSTGRES_SCHEMA_PATH, schemaPath);
		await migratePostgres({ url, migrationsDir, schemaPath });
		const sqliteSchema = fs.readFileSync(path.join(path.dirname(POSTGRES_SCHEMA_PATH), '..', 'schema.prisma'), 'utf8');
		fs.writeFileSync(sqliteSchemaPath, `${sqliteSchema}\nmodel Extra {\n  id   Int      @id\n  at   DateTime\n}\n`);
		const dir = await createPostgresMigration('add_extra', { migrationsDir, schemaPath, sqliteSchemaPath });
		const sql = fs.readFileSync(path.join(dir ?? '', 'migration.sql'), 'utf8');
		expect(sql).toContain('CREATE TABLE "Extra"');
		expect(sql).toContain('TIMESTAMP(3)');
		expect(await migratePostgres({ url, migrationsDir, schemaPath })).toEqual({ applied: [path.basename(dir ?? '')] });
		expect(await query('SELECT count(*)::int AS n FROM "Extra"')).toEqual([{ n: 0 }]);
		expect(await createPostgresMigration('again', { migrationsDir, schemaPath, sqliteSchemaPath })).toBeNull();
	});
});
