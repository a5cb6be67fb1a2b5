// Data steps: changes to the rows themselves that SQL migrations cannot make (they need the key), run once each
// after the migrations, in order, recorded in Meta.dataVersion in the same transaction as their changes.
import Database from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { createDetailsCipher, type DetailColumn } from '../privacy/detailsCipher.js';
import { KEY_CHECK, type KeySource, keyMismatch } from './keyCheck.js';
import { postgresLabel, postgresPool } from './postgresPool.js';
import { BUSY_TIMEOUT_MS, CONNECTION_PRAGMAS } from './pragmas.js';
import { keyCheckValue, reporterKeyOf } from './pseudonym.js';

export const DATA_VERSION = 'dataVersion';

interface DataStep {
	version: number;
	name: string;
	run(db: Database.Database, secret: string): void;
	/** The same step on PostgreSQL, inside the transaction that records it. */
	runPostgres(db: PoolClient, secret: string): Promise<void>;
}

const STEPS: DataStep[] = [
	{
		version: 1,
		name: 'encrypt_signature_details_and_rekey_reporters',
		run(db, secret) {
			// Rows written before encryption hold artist name and city in clear; reporters were keyed like signers.
			const cipher = createDetailsCipher(secret);
			db.function('seal_detail', (signerKey: unknown, column: unknown, text: unknown) =>
				text === null ? null : cipher.seal(String(signerKey), column as DetailColumn, String(text)),
			);
			db.function('reporter_key', { deterministic: true }, (key: unknown) => reporterKeyOf(secret, String(key)));
			db.exec(`UPDATE Signature SET artistName = seal_detail(signerKey, 'artistName', artistName),
				city = seal_detail(signerKey, 'city', city) WHERE artistName IS NOT NULL OR city IS NOT NULL`);
			db.exec('UPDATE GigReport SET reporterKey = reporter_key(reporterKey)');
		},
		// PostgreSQL support came after this step: no PostgreSQL database ever held details in clear.
		async runPostgres() {},
	},
	{
		version: 2,
		name: 'tag_signature_cities',
		run(db, secret) {
			// /campaign stats groups signers by a keyed hash of their city; rows signed before it have none.
			const cipher = createDetailsCipher(secret);
			db.function('city_tag', (signerKey: unknown, city: unknown) =>
				cipher.cityTag(cipher.open(String(signerKey), 'city', String(city))),
			);
			db.exec('UPDATE Signature SET cityTag = city_tag(signerKey, city) WHERE city IS NOT NULL AND cityTag IS NULL');
		},
		// Likewise: every PostgreSQL row was written with its city tag.
		async runPostgres() {},
	},
];

/**
 * Records the key's check value on first use (refusing, with nothing changed, a database made with another key),
 * then runs the data steps not yet applied. After a step that changed rows the file is vacuumed and the WAL truncated,
 * so no clear copy of the old rows is left in free pages or WAL frames. Returns the names of the steps applied.
 */
export function runDataSteps(databasePath: string, secret: string, source: KeySource): string[] {
	const db = new Database(databasePath, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
	try {
		for (const pragma of CONNECTION_PRAGMAS) db.pragma(pragma);
		const get = db.prepare<[string], { value: string }>('SELECT value FROM Meta WHERE key = ?');
		const set = db.prepare<[string, string]>(
			'INSERT INTO Meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
		);
		const changes = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
		// IMMEDIATE: another process starting on the same file waits, then sees these steps done.
		const applied = db
			.transaction(() => {
				const check = get.get(KEY_CHECK)?.value;
				if (check !== undefined && check !== keyCheckValue(secret)) throw keyMismatch(databasePath, source);
				if (check === undefined) set.run(KEY_CHECK, keyCheckValue(secret));
				const version = Number(get.get(DATA_VERSION)?.value ?? 0);
				const pending = STEPS.filter((step) => step.version > version);
				const before = changes.get()?.n ?? 0;
				for (const step of pending) step.run(db, secret);
				const rewrote = (changes.get()?.n ?? 0) > before;
				const last = pending.at(-1);
				if (last) set.run(DATA_VERSION, String(last.version));
				return { names: pending.map((step) => step.name), rewrote };
			})
			.immediate();
		// A step that changed no row (a new database's) left no old copy of one.
		if (applied.rewrote) {
			db.exec('VACUUM');
			db.pragma('wal_checkpoint(TRUNCATE)');
		}
		return applied.names;
	} finally {
		db.close();
	}
}

/**
 * runDataSteps on PostgreSQL: one transaction under a transaction-level advisory lock, so processes starting at once
 * run each step once. There are no files to vacuum: a withdrawn or rewritten row's old version stays in the table's
 * pages until PostgreSQL's VACUUM reuses them (SECURITY.md).
 */
export async function runPostgresDataSteps(url: string, secret: string): Promise<string[]> {
	const pool = postgresPool(url);
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		try {
			await client.query("SELECT pg_advisory_xact_lock(hashtextextended('nomusicforice-bot data steps', 0))");
			const get = async (key: string) =>
				(await client.query<{ value: string }>('SELECT value FROM "Meta" WHERE key = $1', [key])).rows[0]?.value;
			const set = (key: string, value: string) =>
				client.query(
					'INSERT INTO "Meta" (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
					[key, value],
				);
			const check = await get(KEY_CHECK);
			if (check !== undefined && check !== keyCheckValue(secret)) throw keyMismatch(postgresLabel(url), 'SIGNER_KEY');
			if (check === undefined) await set(KEY_CHECK, keyCheckValue(secret));
			const version = Number((await get(DATA_VERSION)) ?? 0);
			const pending = STEPS.filter((step) => step.version > version);
			for (const step of pending) await step.runPostgres(client, secret);
			const last = pending.at(-1);
			if (last) await set(DATA_VERSION, String(last.version));
			await client.query('COMMIT');
			return pending.map((step) => step.name);
		} catch (error) {
			await client.query('ROLLBACK');
			throw error;
		}
	} finally {
		client.release();
		await pool.close();
	}
}
