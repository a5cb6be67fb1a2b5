import { existsSync, linkSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { postgresLabel, postgresPool } from './postgresPool.js';
import { BUSY_TIMEOUT_MS } from './pragmas.js';
import { keyCheckValue } from './pseudonym.js';
import { SignerKeyError } from './signerKey.js';

export const KEY_CHECK = 'keyCheck';

/** Where the key came from, for the one line an operator reads. */
export type KeySource = 'SIGNER_KEY' | 'signer.key';

/** `databasePath`: how the message names the database (a file, or PostgreSQL's label without password). */
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
	const view = openWithoutWriting(databasePath);
	try {
		const table = view.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Meta'").get();
		if (table === undefined) return;
		const row = view.db.prepare('SELECT value FROM Meta WHERE key = ?').get(KEY_CHECK) as { value: string } | undefined;
		if (row !== undefined && row.value !== keyCheckValue(secret)) throw keyMismatch(databasePath, source);
	} finally {
		view.close();
	}
}

/**
 * A read-only view of the database that creates no file beside it. Even a read-only SQLite connection creates -wal
 * and -shm when they are missing. With a -wal (another process running, or a crash) both are already there and a
 * read-only connection reads through them. Without one the file alone is the whole database: it is read through a
 * hard link in a private temporary folder, where SQLite's -wal and -shm go, removed afterwards; the file's bytes
 * are only read, and nothing of it is loaded into memory (a database of a million signatures is ~360 MB). Where
 * the file system has no hard links, an in-memory copy (its header switched from WAL to rollback mode).
 */
function openWithoutWriting(databasePath: string): { db: Database.Database; close(): void } {
	if (existsSync(`${databasePath}-wal`)) {
		const db = new Database(databasePath, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
		return { db, close: () => db.close() };
	}
	const folder = mkdtempSync(path.join(path.dirname(databasePath), '.key-check-'));
	const remove = () => rmSync(folder, { recursive: true, force: true });
	const link = path.join(folder, path.basename(databasePath));
	try {
		linkSync(databasePath, link);
		const db = new Database(link, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
		return {
			db,
			close: () => {
				db.close();
				remove();
			},
		};
	} catch (error) {
		remove();
		if (!isNoLink(error)) throw error;
	}
	const image = readFileSync(databasePath);
	if (image.length >= 20) {
		image[18] = 1; // file format write version: 1 = rollback journal, 2 = WAL
		image[19] = 1; // read version
	}
	const db = new Database(image, { readonly: true });
	return { db, close: () => db.close() };
}

/** The file system refuses hard links (EPERM on some, EXDEV across devices, ENOTSUP, EMLINK at the link limit). */
const isNoLink = (error: unknown) =>
	['EPERM', 'EXDEV', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK'].includes((error as NodeJS.ErrnoException).code ?? '');

/** assertKeyMatches for PostgreSQL (the key is SIGNER_KEY there): read-only, before migrations. */
export async function assertPostgresKeyMatches(url: string, secret: string): Promise<void> {
	const db = postgresPool(url);
	try {
		const { rows: table } = await db.query<{ t: string | null }>(`SELECT to_regclass('"Meta"')::text AS t`);
		if (table[0]?.t == null) return;
		const { rows } = await db.query<{ value: string }>('SELECT value FROM "Meta" WHERE key = $1', [KEY_CHECK]);
		const stored = rows[0]?.value;
		if (stored !== undefined && stored !== keyCheckValue(secret)) throw keyMismatch(postgresLabel(url), 'SIGNER_KEY');
	} finally {
		await db.close();
	}
}
