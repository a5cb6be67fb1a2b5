import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync } from 'node:fs';

/** The database file and SQLite's companions (same folder; SQLite gives them the database file's mode). */
export const databaseFiles = (databasePath: string) =>
	[databasePath, `${databasePath}-wal`, `${databasePath}-shm`] as const;

/**
 * The data folder, mode 0700 whatever the umask (mkdir's mode is narrowed by the umask, never widened: chmod
 * makes it exact). An existing folder is tightened too: it holds the key and the signatures.
 */
export function preparePrivateFolder(dir: string): void {
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	chmodSync(dir, 0o700);
}

/**
 * Creates the database file empty with mode 0600 before SQLite does (SQLite gives -wal and -shm the database
 * file's mode, overriding the umask), and sets 0600 on the files already there.
 */
export function preparePrivateDatabaseFiles(databasePath: string): void {
	if (!existsSync(databasePath)) closeSync(openSync(databasePath, 'a', 0o600));
	for (const file of databaseFiles(databasePath)) if (existsSync(file)) chmodSync(file, 0o600);
}

/** fsync of a folder: makes a rename or a new file in it durable. */
export function syncFolder(dir: string): void {
	const fd = openSync(dir, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}
