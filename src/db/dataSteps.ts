// Data steps: changes to the rows themselves that SQL migrations cannot make (they need the key), run once each
// after the migrations, in order, recorded in Meta.dataVersion in the same transaction as their changes.
import Database from 'better-sqlite3';
import { createDetailsCipher, type DetailColumn } from '../privacy/detailsCipher.js';
import { KEY_CHECK, type KeySource, keyMismatch } from './keyCheck.js';
import { BUSY_TIMEOUT_MS, CONNECTION_PRAGMAS } from './pragmas.js';
import { keyCheckValue, reporterKeyOf } from './pseudonym.js';

export const DATA_VERSION = 'dataVersion';

interface DataStep {
	version: number;
	name: string;
	run(db: Database.Database, secret: string): void;
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
	},
];

/**
 * Records the key's check value on first use (refusing, with nothing changed, a database made with another key),
 * then runs the data steps not yet applied. After any step the file is vacuumed and the WAL truncated, so no clear
 * copy of the old rows is left in free pages or WAL frames. Returns the names of the steps applied.
 */
export function runDataSteps(databasePath: string, secret: string, source: KeySource): string[] {
	const db = new Database(databasePath, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
	try {
		for (const pragma of CONNECTION_PRAGMAS) db.pragma(pragma);
		const get = db.prepare<[string], { value: string }>('SELECT value FROM Meta WHERE key = ?');
		const set = db.prepare<[string, string]>(
			'INSERT INTO Meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
		);
		// IMMEDIATE: another process starting on the same file waits, then sees these steps done.
		const applied = db
			.transaction(() => {
				const check = get.get(KEY_CHECK)?.value;
				if (check !== undefined && check !== keyCheckValue(secret)) throw keyMismatch(databasePath, source);
				if (check === undefined) set.run(KEY_CHECK, keyCheckValue(secret));
				const version = Number(get.get(DATA_VERSION)?.value ?? 0);
				const pending = STEPS.filter((step) => step.version > version);
				for (const step of pending) step.run(db, secret);
				const last = pending.at(-1);
				if (last) set.run(DATA_VERSION, String(last.version));
				return pending.map((step) => step.name);
			})
			.immediate();
		if (applied.length > 0) {
			db.exec('VACUUM');
			db.pragma('wal_checkpoint(TRUNCATE)');
		}
		return applied;
	} finally {
		db.close();
	}
}
