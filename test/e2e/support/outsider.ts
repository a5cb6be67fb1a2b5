// What someone holding a copy of the database folder could find: raw byte searches of the database files, with no
// SQLite, no key and no knowledge of the format, for the UTF-8 and UTF-16 (both byte orders) forms of a text.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { databaseFiles } from '../../../src/db/files.js';

function encodings(text: string): Buffer[] {
	const le = Buffer.from(text, 'utf16le');
	const be = Buffer.from(le).swap16();
	return [Buffer.from(text, 'utf8'), le, be];
}

/** Names of the database files (db, -wal, -shm) that hold `text` in clear, in any of its encodings. */
export function filesHolding(databasePath: string, text: string): string[] {
	const needles = encodings(text);
	return databaseFiles(databasePath)
		.filter((file) => existsSync(file))
		.filter((file) => {
			const bytes = readFileSync(file);
			return needles.some((needle) => bytes.includes(needle));
		})
		.map((file) => path.basename(file));
}
