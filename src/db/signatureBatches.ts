// The hot statements of a signing burst, batched per database handle with DataLoader: the inserts and the counts
// asked for in one turn of the event loop go in one statement each (one commit for the inserts), run after every
// request of the turn was made (`batchScheduleFn`: setImmediate). No cache: every request reads the database. They
// run on Prisma's connection without the client (src/db/adapterLayers.ts, shareConnection).
import DataLoader from 'dataloader';
import type { SharedConnection } from './adapterLayers.js';
import type { Database } from './client.js';
import { type Dialect, placeholders } from './dialect.js';
import { handleBinding } from './handleBinding.js';

/** A row as stored: artistName and city encrypted (src/privacy/detailsCipher.ts). */
export type DetailsRow = {
	artistName: string | null;
	city: string | null;
	public: boolean | number | bigint;
	unlisted?: boolean | number | bigint;
};

export interface Totals {
	total: number;
	/** Signers whose signature came from this server. */
	guildCount: number;
}

/** One signature to insert: the 8 bound values of its row, in INSERT_COLUMNS order. */
export interface SignatureInsert {
	signerKey: string;
	values: readonly unknown[];
}

export interface SignatureBatches {
	/** Resolves true when the row went in, false when a signature with that key existed (or came first in the batch). */
	insert: DataLoader<SignatureInsert, boolean>;
	/** The campaign total and the named server's count. */
	count: DataLoader<string, Totals>;
}

const INSERT_COLUMNS = ['signerKey', 'guildId', 'artistName', 'city', 'cityTag', 'public', 'signedAt', 'updatedAt'];
const QUOTED_COLUMNS = INSERT_COLUMNS.map((column) => `"${column}"`).join(', ');
/** 8 bound variables a row, or one a server: far below SQLite's 32,766 and PostgreSQL's 65,535 per statement. */
const MAX_BATCH = 500;
const options = { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (run: () => void) => setImmediate(run) };

const rowOf = (next: () => string) => `(${INSERT_COLUMNS.map(next).join(', ')})`;
/** SQLite's placeholders are the same in every row: one row's, repeated. */
const SQLITE_ROW = rowOf(placeholders('sqlite'));

/** The placeholders of `count` rows; PostgreSQL's number on through the rows. */
function rowPlaceholders(dialect: Dialect, count: number): string {
	if (dialect === 'sqlite') return Array(count).fill(SQLITE_ROW).join(', ');
	const next = placeholders(dialect);
	return Array.from({ length: count }, () => rowOf(next)).join(', ');
}

export function createSignatureBatches(dialect: Dialect, connection: SharedConnection): SignatureBatches {
	return {
		insert: new DataLoader((inserts) => insertRows(connection, dialect, inserts), options),
		count: new DataLoader((guildIds) => countRows(connection, dialect, guildIds), options),
	};
}

/**
 * One multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING`, rows in the order asked: of two for the same key, the
 * first inserts and the second finds it taken.
 */
async function insertRows(
	connection: SharedConnection,
	dialect: Dialect,
	inserts: readonly SignatureInsert[],
): Promise<boolean[]> {
	const { rows } = await connection.query(
		`INSERT INTO "Signature" (${QUOTED_COLUMNS})
		 VALUES ${rowPlaceholders(dialect, inserts.length)}
		 ON CONFLICT ("signerKey") DO NOTHING RETURNING "signerKey"`,
		boundValues(inserts),
	);
	const inserted = new Set(rows.map(([signerKey]) => signerKey));
	// A second insert of the same key in this batch found it taken.
	return inserts.map((insert) => inserted.delete(insert.signerKey));
}

/** The rows' values in one list (a loop: flatMap was a tenth of this module's CPU in a burst profile). */
function boundValues(inserts: readonly SignatureInsert[]): unknown[] {
	const values: unknown[] = [];
	for (const insert of inserts) for (const value of insert.values) values.push(value);
	return values;
}

/**
 * The total and each named server's count in one statement: the total is the `signatures` counter, kept by triggers
 * in the same transaction as each insert or delete (PostgreSQL's COUNT(*) reads every row); a server's count is its
 * guildId index range.
 */
async function countRows(
	connection: SharedConnection,
	dialect: Dialect,
	requested: readonly string[],
): Promise<Totals[]> {
	const guildIds = [...new Set(requested)];
	const next = placeholders(dialect);
	const { rows } = await connection.query(
		`SELECT NULL AS "guildId", "value" AS n FROM "Counter" WHERE "name" = 'signatures'
		 UNION ALL SELECT "guildId", COUNT(*) FROM "Signature" WHERE "guildId" IN (${guildIds.map(next).join(', ')}) GROUP BY "guildId"`,
		guildIds,
	);
	const byGuild = new Map<string, number>();
	let total = 0;
	// The drivers give a 64-bit integer as a number or a string.
	for (const [guildId, n] of rows) {
		if (guildId === null) total = Number(n);
		else byGuild.set(String(guildId), Number(n));
	}
	return requested.map((guildId) => ({ total, guildCount: byGuild.get(guildId) ?? 0 }));
}

/** The batches of each open database (their statements run on its shared connection). */
const batches = handleBinding<SignatureBatches>('signature batches');
export const signatureBatchesOf = batches.of;

export function bindSignatureBatches(db: Database, dialect: Dialect, connection: SharedConnection): void {
	batches.bind(db, createSignatureBatches(dialect, connection));
}

/** A wrapper of an open database (a test's Proxy) shares its batches, and so its connection. */
export function bindSignatureBatchesLike(wrapper: object, db: Database): void {
	batches.bind(wrapper, batches.of(db));
}
