import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from './pragmas.js';
import { keyCheckValue } from './pseudonym.js';
import { SignerKeyError } from './signerKey.js';

export const KEY_CHECK = 'keyCheck';

/** Where the key came from, for the one line an operator reads. */
export type KeySource = 'SIGNER_KEY' | 'signer.key';

export function keyMismatch(databasePath: string, source: KeySource): SignerKeyError {
	const fix =
		source === 'SIGNER_KEY'
			? 'set SIGNER_KEY to the key it was created with (or unset it to use its signer.key)'
			: 'restore its signer.key from backup (or set SIGNER_KEY to the key it was created with)';
	return new SignerKeyError(`${source} is not the key of the database ${databasePath}: ${fix}; nothing was changed`);
}

/**
 * Compares the database's stored check value with this key's, read-only, before migrations or anything else write.
 * A database without one (new, or from before the check existed) passes: the data step records it.
 */
export function assertKeyMatches(databasePath: string, secret: string, source: KeySource): void {
	if (!existsSync(databasePath)) return;
	const db = openWithoutWriting(databasePath);
	try {
		const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Meta'").get();
		if (table === undefined) return;
		const row = db.prepare('SELECT value FROM Meta WHERE key = ?').get(KEY_CHECK) as { value: string } | undefined;
		if (row !== undefined && row.value !== keyCheckValue(secret)) throw keyMismatch(databasePath, source);
	} finally {
		db.close();
	}
}

/**
 * A read-only view of the database that creates no file. Even a read-only SQLite connection creates -wal and -shm
 * when they are missing; without a -wal the file alone is the whole database, so read a copy of it in memory instead
 * (its header switched from WAL to rollback mode, which an in-memory copy needs). With a -wal (another process
 * running, or a crash), both files are already there and a read-only connection reads through them.
 */
function openWithoutWriting(databasePath: string): Database.Database {
	if (existsSync(`${databasePath}-wal`)) {
		return new Database(databasePath, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
	}
	const image = readFileSync(databasePath);
	if (image.length >= 20) {
		image[18] = 1; // file format write version: 1 = rollback journal, 2 = WAL
		image[19] = 1; // read version
	}
	return new Database(image, { readonly: true });
}
