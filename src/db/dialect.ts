// The SQL dialect of an open database, for the raw statements written per dialect. Prisma's model API is the same on
// both; raw SQL differs in placeholders (`?` vs `$1`), booleans (0/1 vs true/false) and time values (SQLite stores
// integer ms: timestampFormat unixepoch-ms; PostgreSQL timestamp(3)). Identifiers are double-quoted everywhere:
// PostgreSQL's are mixed-case ("Signature", "signerKey"), and SQLite accepts the quotes too.

import { handleBinding } from './handleBinding.js';

export type Dialect = 'sqlite' | 'postgresql';

/** The dialect of each open database, so data functions need no extra argument. */
const dialects = handleBinding<Dialect>('dialect');
export const bindDialect = dialects.bind;
export const dialectOf = dialects.of;

/** Writes placeholders in order: `?` on SQLite, `$1`, `$2`, … on PostgreSQL. */
export function placeholders(dialect: Dialect): () => string {
	let n = 0;
	return dialect === 'sqlite' ? () => '?' : () => `$${++n}`;
}

/** A time as a bound value: integer ms on SQLite, a Date on PostgreSQL. */
export const timeValue = (dialect: Dialect, at: Date | number): Date | number =>
	dialect === 'sqlite' ? new Date(at).getTime() : new Date(at);

/** A boolean as a bound value: 0/1 on SQLite (its BOOLEAN is an integer), true/false on PostgreSQL. */
export const boolValue = (dialect: Dialect, value: boolean): boolean | number =>
	dialect === 'sqlite' ? (value ? 1 : 0) : value;
