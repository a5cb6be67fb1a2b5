import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError } from '../../src/db/errors.js';
import {
	checkEngineBuild,
	createMigration,
	DEFAULT_MIGRATIONS_DIR,
	DEFAULT_SCHEMA_PATH,
	migrateDatabase,
	SQLITE_MIGRATIONS_TABLE,
} from '../../src/db/migrate.js';
import { isUpToDate } from '../../src/db/migrationHistory.js';
import { runNode } from '../e2e/support/bot-process.js';

/** The migrator as the bot runs it (npm test builds first): the two-process test starts it in child processes. */
const BUILT_MIGRATE = path.resolve(import.meta.dirname, '../../dist/src/db/migrate.js');
const MODEL_TABLES = ['AuditEntry', 'GigFlag', 'GigReport', 'GuildSettings', 'MilestoneAnnouncement', 'Signature'];
const migrationNames = (dir: string) =>
	fs
		.readdirSync(dir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

let tmp: string;
beforeEach(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-test-'));
});
afterEach(() => {
	fs.rmSync(tmp, { recursive: true, force: true });
});

/** A copy of the real migrations folder that a test may change. */
function copyMigrations(): string {
	const dir = path.join(tmp, 'migrations');
	fs.cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
	return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
	fs.mkdirSync(path.join(dir, name));
	fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
}

function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
	const db = new Database(file);
	try {
		return fn(db);
	} finally {
		db.close();
	}
}

const tables = (file: string) =>
	withDb(file, (db) =>
		(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
			(row) => row.name,
		),
	);

/** Bytes, tables and row counts: proves a refused start changed nothing. */
function fingerprint(file: string) {
	const names = tables(file);
	const counts = withDb(file, (db) =>
		names.map((name) => (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n),
	);
	return { bytes: sha256(fs.readFileSync(file)), names, counts };
}

const insertGuild = (file: string, guildId: string) =>
	withDb(file, (db) =>
		db.prepare('INSERT INTO GuildSettings (guildId, updatedAt) VALUES (?, ?)').run(guildId, Date.now()),
	);

describe('migrateDatabase', () => {
	it('accepts only a migration engine wasm built from its glue’s engine commit', () => {
		const glue = '8.1.0-2.59be4fda12412a79eeb9c2ae727b6aa723593323';
		expect(() => checkEngineBuild('59be4fda12412a79eeb9c2ae727b6aa723593323', glue)).not.toThrow();
		expect(() => checkEngineBuild('d1b3f377ca835d73fd50954a5e22128b9ebdd6b8', glue)).toThrow(MigrationError);
		expect(() => checkEngineBuild('d1b3f377ca835d73fd50954a5e22128b9ebdd6b8', glue)).toThrow('reinstall with npm ci');
	});

	it('creates every table on a fresh database, records checksums and sets WAL', async () => {
		const file = path.join(tmp, 'bot.db');
		const { applied } = await migrateDatabase({ databasePath: file });
		expect(applied).toEqual(migrationNames(DEFAULT_MIGRATIONS_DIR));
		expect(tables(file)).toEqual(expect.arrayContaining([...MODEL_TABLES, '_prisma_migrations']));

		withDb(file, (db) => {
			const rows = db
				.prepare('SELECT migration_name, checksum, finished_at, logs FROM _prisma_migrations ORDER BY migration_name')
				.all() as { migration_name: string; checksum: string; finished_at: number; logs: string | null }[];
			expect(rows.map((row) => row.migration_name)).toEqual(applied);
			for (const row of rows) {
				const sql = fs.readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
				expect(row.checksum).toBe(sha256(sql));
				expect(typeof row.finished_at).toBe('number'); // unixepoch-ms, like the native engine
				expect(row.logs).toBeNull();
			}
			expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
			const fks = db.prepare('SELECT "table", on_delete FROM pragma_foreign_key_list(\'GigReport\')').all();
			expect(fks).toEqual([{ table: 'GigFlag', on_delete: 'CASCADE' }]);
			const unique = db.prepare('SELECT name FROM pragma_index_list(\'GigFlag\') WHERE "unique" = 1').all();
			expect(unique).toEqual(
				expect.arrayContaining([
					{ name: 'GigFlag_guildId_linkKey_key' },
					{ name: 'GigFlag_guildId_eventKey_date_key' },
				]),
			);
		});
	});

	// A new database is migrated without the engine (src/db/migrate.ts applyToNewDatabase); the engine migrates one
	// whose history table exists. Both must leave the same database, and the engine must read the rows as its own.
	it('gives a new database what the engine gives it: the same schema and the same history', async () => {
		const ours = path.join(tmp, 'ours.db');
		// No engine is started for it: it never reads the Prisma schema the engine is started with.
		const noSchema = path.join(tmp, 'no-such-schema.prisma');
		await migrateDatabase({ databasePath: ours, schemaPath: noSchema });
		const engine = path.join(tmp, 'engine.db');
		await expect(migrateDatabase({ databasePath: engine, schemaPath: noSchema, useEngine: true })).rejects.toThrow(
			/^Cannot read the Prisma schema/,
		);
		await migrateDatabase({ databasePath: engine, useEngine: true });

		const schema = (file: string) =>
			withDb(file, (db) => db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name').all());
		expect(schema(ours)).toEqual(schema(engine));
		const history = (file: string) =>
			withDb(file, (db) =>
				db
					.prepare(
						`SELECT migration_name, checksum, logs, rolled_back_at, applied_steps_count, typeof(finished_at) AS f,
						typeof(started_at) AS s, finished_at >= started_at AS ordered, length(id) AS idLength
						FROM _prisma_migrations ORDER BY migration_name`,
					)
					.all(),
			);
		expect(history(ours)).toEqual(history(engine));
		expect(history(ours)).toHaveLength(migrationNames(DEFAULT_MIGRATIONS_DIR).length);
		// The engine created its table itself: the text ours writes is the engine's.
		const table = (file: string) =>
			withDb(file, (db) => db.prepare("SELECT sql FROM sqlite_master WHERE name = '_prisma_migrations'").get());
		expect(table(engine)).toEqual({ sql: SQLITE_MIGRATIONS_TABLE });
	});

	it('leaves a file that is not empty but has no history to the engine, which refuses it and changes nothing', async () => {
		const file = path.join(tmp, 'bot.db');
		withDb(file, (db) => db.exec('CREATE TABLE "Other" ("id" INTEGER)'));
		await expect(migrateDatabase({ databasePath: file })).rejects.toThrow(MigrationError);
		expect(tables(file)).toEqual(['Other']);
	});

	it('refuses migrations whose lockfile names another provider, before writing anything', async () => {
		const dir = copyMigrations();
		fs.writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
		const file = path.join(tmp, 'bot.db');
		await expect(migrateDatabase({ databasePath: file, migrationsDir: dir })).rejects.toThrow(
			/are not for SQLite \(migration_lock\.toml\)/,
		);
		expect(tables(file)).toEqual([]);
	});

	it('migrates a new file once when two processes start on it at the same moment', async () => {
		const file = path.join(tmp, 'data', 'bot.db');
		const script = `import { migrateDatabase } from ${JSON.stringify(BUILT_MIGRATE)};
			const { applied } = await migrateDatabase({ databasePath: ${JSON.stringify(file)} });
			process.stdout.write(JSON.stringify(applied));`;
		const starter = path.join(tmp, 'migrate-once.mjs');
		fs.writeFileSync(starter, script);
		const start = () => runNode(starter, [], { cwd: tmp });
		const results = await Promise.all([start(), start()]);
		expect(results.map((r) => [r.code, r.stderr])).toEqual([
			[0, ''],
			[0, ''],
		]);
		const applied = results.map((r) => JSON.parse(r.stdout) as string[]);
		expect(applied.flat().sort()).toEqual(migrationNames(DEFAULT_MIGRATIONS_DIR));
		withDb(file, (db) => {
			const rows = db.prepare('SELECT migration_name, finished_at IS NOT NULL AS done FROM _prisma_migrations').all();
			expect(rows).toHaveLength(migrationNames(DEFAULT_MIGRATIONS_DIR).length);
			expect(rows.every((row) => (row as { done: number }).done === 1)).toBe(true);
		});
	});

	it('lets the engine read a new database’s history: it applies only a later migration, and sees an edited one', async () => {
		const dir = copyMigrations();
		const file = path.join(tmp, 'bot.db');
		await migrateDatabase({ databasePath: file, migrationsDir: dir });
		addMigration(dir, '20991231000000_later', 'CREATE TABLE "Later" ("id" INTEGER);\n');
		expect(await migrateDatabase({ databasePath: file, migrationsDir: dir })).toEqual({
			applied: ['20991231000000_later'],
		});
		const [first] = migrationNames(dir);
		fs.appendFileSync(path.join(dir, first ?? '', 'migration.sql'), '\n-- edited\n');
		addMigration(dir, '20991231000001_next', 'CREATE TABLE "Next" ("id" INTEGER);\n');
		await expect(migrateDatabase({ databasePath: file, migrationsDir: dir })).rejects.toThrow(
			new RegExp(`^Migration ${first} was edited after it was applied`),
		);
	});

	it('reports a migration failing on a new database, and later starts refuse it through the engine', async () => {
		const dir = copyMigrations();
		addMigration(dir, '20991231000000_bad', 'CREATE TABLE "Partial" ("id" INTEGER);\nTHIS IS NOT SQL;\n');
		const file = path.join(tmp, 'bot.db');
		const error = await migrateDatabase({ databasePath: file, migrationsDir: dir }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(MigrationError);
		expect((error as Error).message).toMatch(
			/^Migration 20991231000000_bad failed \(.*syntax error.*\) and may be partly applied/,
		);
		expect(tables(file)).toEqual(expect.arrayContaining([...MODEL_TABLES, 'Partial']));

		const before = fingerprint(file);
		const again = await migrateDatabase({ databasePath: file, migrationsDir: dir }).catch((e: unknown) => e);
		expect(again).toBeInstanceOf(MigrationError);
		expect((again as Error).message).toMatch(
			/^Migration 20991231000000_bad failed on an earlier start \(.*syntax error/,
		);
		expect(fingerprint(file)).toEqual(before);
	});

	it('applies nothing on a second run and leaves the file usable by others', async () => {
		const file = path.join(tmp, 'bot.db');
		await migrateDatabase({ databasePath: file });
		expect(await migrateDatabase({ databasePath: file })).toEqual({ applied: [] });
		// No lingering EXCLUSIVE lock: another connection can write at once.
		insertGuild(file, 'g1');
	});

	it('runs the migrations on a WAL file with synchronous=NORMAL, so that its commits need no fsync each', async () => {
		const dir = copyMigrations();
		// What the engine's connection is set to, seen from inside a migration.
		addMigration(
			dir,
			'20991231000000_seen',
			'CREATE TABLE "Seen" AS SELECT (SELECT journal_mode FROM pragma_journal_mode) AS journal, ' +
				'(SELECT synchronous FROM pragma_synchronous) AS synchronous;\n',
		);
		const file = path.join(tmp, 'bot.db');
		await migrateDatabase({ databasePath: file, migrationsDir: dir });
		expect(withDb(file, (db) => db.prepare('SELECT journal, synchronous FROM "Seen"').get())).toEqual({
			journal: 'wal',
			synchronous: 1, // NORMAL
		});
	});

	it('does not open the schema engine when every migration is already applied', async () => {
		const file = path.join(tmp, 'bot.db');
		await migrateDatabase({ databasePath: file });
		// A schema the engine could not read: only a start that skips the engine gets through.
		const noSchema = path.join(tmp, 'missing.prisma');
		expect(await migrateDatabase({ databasePath: file, schemaPath: noSchema })).toEqual({ applied: [] });
		const dir = copyMigrations();
		addMigration(dir, '20991231000000_later', 'CREATE TABLE "Later" ("id" INTEGER NOT NULL PRIMARY KEY);\n');
		await expect(migrateDatabase({ databasePath: file, migrationsDir: dir, schemaPath: noSchema })).rejects.toThrow(
			'Cannot read the Prisma schema',
		);
	});

	it('creates missing parent folders of the database file', async () => {
		const file = path.join(tmp, 'a', 'b', 'c', 'bot.db');
		await migrateDatabase({ databasePath: file });
		expect(tables(file)).toEqual(expect.arrayContaining(MODEL_TABLES));
	});

	it('refuses a migration edited after it was applied, changing nothing', async () => {
		const dir = copyMigrations();
		const file = path.join(tmp, 'bot.db');
		await migrateDatabase({ databasePath: file, migrationsDir: dir });
		insertGuild(file, 'g1');
		const before = fingerprint(file);

		const first = migrationNames(dir)[0] ?? '';
		fs.appendFileSync(path.join(dir, first, 'migration.sql'), '\n-- edited\n');
		addMigration(dir, '20991231000000_later', 'CREATE TABLE "Later" ("id" INTEGER NOT NULL PRIMARY KEY);\n');
		const error = await migrateDatabase({ databasePath: file, migrationsDir: dir }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(MigrationError);
		expect((error as Error).message).toBe(
			`Migration ${first} was edited after it was applied (checksum differs); restore the original file or create a new migration`,
		);
		expect(fingerprint(file)).toEqual(before);
	});

	it('refuses applied migrations missing from the folder, changing nothing', async () => {
		const dir = copyMigrations();
		const file = path.join(tmp, 'bot.db');
		addMigration(dir, '20991231000000_later', 'CREATE TABLE "Later" ("id" INTEGER NOT NULL PRIMARY KEY);\n');
		await migrateDatabase({ databasePath: file, migrationsDir: dir });
		const before = fingerprint(file);

		fs.rmSync(path.join(dir, '20991231000000_later'), { recursive: true });
		await expect(migrateDatabase({ databasePath: file, migrationsDir: dir })).rejects.toThrow(
			/^Migration 20991231000000_later applied to .* is missing from .*; run the bot version that created/,
		);
		expect(fingerprint(file)).toEqual(before);
	});

	it('reports a failing migration, then refuses later starts; earlier data stays', async () => {
		const dir = copyMigrations();
		const file = path.join(tmp, 'bot.db');
		await migrateDatabase({ databasePath: file, migrationsDir: dir });
		insertGuild(file, 'g1');

		addMigration(dir, '20991231000000_bad', 'CREATE TABLE "Partial" ("id" INTEGER);\nTHIS IS NOT SQL;\n');
		const error = await migrateDatabase({ databasePath: file, migrationsDir: dir }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(MigrationError);
		const message = (error as Error).message;
		expect(message).toMatch(/^Migration 20991231000000_bad failed \(.*syntax error.*\) and may be partly applied/);
		expect(message).toContain('delete its row from _prisma_migrations');
		expect(message).not.toContain('\n');

		const before = fingerprint(file);
		const again = await migrateDatabase({ databasePath: file, migrationsDir: dir }).catch((e: unknown) => e);
		expect(again).toBeInstanceOf(MigrationError);
		expect((again as Error).message).toMatch(
			/^Migration 20991231000000_bad failed on an earlier start \(.*syntax error/,
		);
		expect((again as Error).message).not.toContain('\n');
		expect(fingerprint(file)).toEqual(before);

		withDb(file, (db) => {
			expect(db.prepare('SELECT guildId FROM GuildSettings').all()).toEqual([{ guildId: 'g1' }]);
		});

		// The recovery the message describes: repair (here: drop the partial table), fix, delete the row.
		withDb(file, (db) => {
			db.exec('DROP TABLE "Partial"');
			db.prepare('DELETE FROM _prisma_migrations WHERE migration_name = ?').run('20991231000000_bad');
		});
		fs.writeFileSync(path.join(dir, '20991231000000_bad', 'migration.sql'), 'CREATE TABLE "Partial" ("id" INTEGER);\n');
		expect(await migrateDatabase({ databasePath: file, migrationsDir: dir })).toEqual({
			applied: ['20991231000000_bad'],
		});
		expect(tables(file)).toContain('Partial');
	});

	it('refuses to start without migrations', async () => {
		await expect(
			migrateDatabase({ databasePath: path.join(tmp, 'bot.db'), migrationsDir: path.join(tmp, 'none') }),
		).rejects.toThrow(MigrationError);
	});
});

describe('createMigration', () => {
	function copySchema(extra = ''): string {
		const file = path.join(tmp, 'schema.prisma');
		fs.writeFileSync(file, fs.readFileSync(DEFAULT_SCHEMA_PATH, 'utf8') + extra);
		return file;
	}

	it('returns null when the schema matches the migrations', async () => {
		const migrationsDir = copyMigrations();
		const before = migrationNames(migrationsDir);
		expect(await createMigration('nothing', { migrationsDir, schemaPath: copySchema() })).toBeNull();
		expect(migrationNames(migrationsDir)).toEqual(before);
	});

	it('writes a migration for a new model that then applies', async () => {
		const migrationsDir = copyMigrations();
		const file = path.join(tmp, 'bot.db');
		await migrateDatabase({ databasePath: file, migrationsDir });

		const schemaPath = copySchema('\nmodel Extra {\n  id   Int    @id @default(autoincrement())\n  note String\n}\n');
		const dir = await createMigration('add_extra', { migrationsDir, schemaPath });
		expect(dir).not.toBeNull();
		const name = path.basename(dir ?? '');
		expect(name).toMatch(/^\d{14}_add_extra$/);
		expect(path.dirname(dir ?? '')).toBe(migrationsDir);
		expect(fs.readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8')).toContain('CREATE TABLE "Extra"');
		expect(fs.readFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "sqlite"');

		expect(await migrateDatabase({ databasePath: file, migrationsDir, schemaPath })).toEqual({ applied: [name] });
		expect(tables(file)).toContain('Extra');
		expect(await createMigration('again', { migrationsDir, schemaPath })).toBeNull();
	});

	it('creates the first migration of an empty folder', async () => {
		const migrationsDir = path.join(tmp, 'fresh', 'migrations');
		const dir = await createMigration('init', { migrationsDir, schemaPath: copySchema() });
		expect(fs.readFileSync(path.join(dir ?? '', 'migration.sql'), 'utf8')).toContain('CREATE TABLE "GigFlag"');
		expect(fs.existsSync(path.join(migrationsDir, 'migration_lock.toml'))).toBe(true);
	});

	it('rejects invalid names', async () => {
		for (const name of ['', 'Add', 'add-extra', 'a b', '../x']) {
			await expect(
				createMigration(name, { migrationsDir: copyMigrations(), schemaPath: copySchema() }),
			).rejects.toThrow(/^Invalid migration name/);
			fs.rmSync(path.join(tmp, 'migrations'), { recursive: true });
		}
	});

	it('refuses a timestamp that does not sort after the last migration', async () => {
		const migrationsDir = copyMigrations();
		addMigration(migrationsDir, '99991231235959_future', '-- nothing\n');
		const schemaPath = copySchema('\nmodel Extra {\n  id Int @id\n}\n');
		await expect(createMigration('add_extra', { migrationsDir, schemaPath })).rejects.toThrow(
			/would not sort after the last migration 99991231235959_future/,
		);
	});
});

describe('isUpToDate', () => {
	const folder = new Map([
		['20250101000000_init', 'aa'],
		['20250201000000_next', 'bb'],
	]);
	const row = (name: string, checksum: string, finished = true) => ({ name, checksum, finished });

	it('holds when the history is exactly the folder, every migration finished with its checksum', () => {
		expect(isUpToDate([row('20250201000000_next', 'bb'), row('20250101000000_init', 'aa')], folder)).toBe(true);
	});

	it('does not hold for a pending, unfinished, edited, missing or doubled migration', () => {
		expect(isUpToDate([row('20250101000000_init', 'aa')], folder)).toBe(false);
		expect(isUpToDate([row('20250101000000_init', 'aa'), row('20250201000000_next', 'bb', false)], folder)).toBe(false);
		expect(isUpToDate([row('20250101000000_init', 'aa'), row('20250201000000_next', 'cc')], folder)).toBe(false);
		expect(isUpToDate([row('20250101000000_init', 'aa'), row('20250301000000_gone', 'bb')], folder)).toBe(false);
		expect(isUpToDate([row('20250101000000_init', 'aa'), row('20250101000000_init', 'aa')], folder)).toBe(false);
	});
});
