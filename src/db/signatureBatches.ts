// The hot statements of a signing burst, batched per database handle with DataLoader: the inserts and the counts
// asked for in one turn of the event loop go in one statement each (one commit for the inserts), run after every
// request of the turn was made (`batchScheduleFn`: setImmediate). No cache: every request reads the database.
import DataLoader from 'dataloader';
import type { Database } from './client.js';
import { dialectOf, placeholders } from './dialect.js';
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
/** 8 bound variables a row, or one a server: far below SQLite's 32,766 and PostgreSQL's 65,535 per statement. */
const MAX_BATCH = 500;
const options = { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (run: () => void) => setImmediate(run) };

export function createSignatureBatches(db: Database): SignatureBatches {
	return {
		insert: new DataLoader((inserts) => insertRows(db, inserts), options),
		count: new DataLoader((guildIds) => countRows(db, guildIds), options),
	};
}

/**
 * One multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING`, rows in the order asked: of two for the same key, the
 * first inserts and the second finds it taken.
 */
async function insertRows(db: Database, inserts: readonly SignatureInsert[]): Promise<boolean[]> {
	const next = placeholders(dialectOf(db));
	const row = () => `(${INSERT_COLUMNS.map(next).join(', ')})`;
	const rows = await db.$queryRawUnsafe<{ signerKey: string }[]>(
		`INSERT INTO "Signature" (${INSERT_COLUMNS.map((c) => `"${c}"`).join(', ')})
		 VALUES ${inserts.map(row).join(', ')}
		 ON CONFLICT ("signerKey") DO NOTHING RETURNING "signerKey"`,
		...inserts.flatMap((insert) => insert.values),
	);
	const inserted = new Set(rows.map((stored) => stored.signerKey));
	// A second insert of the same key in this batch found it taken.
	return inserts.map((insert) => inserted.delete(insert.signerKey));
}

/**
 * The total and each named server's count in one statement: the total is the `signatures` counter, kept by triggers
 * in the same transaction as each insert or delete (PostgreSQL's COUNT(*) reads every row); a server's count is its
 * guildId index range.
 */
async function countRows(db: Database, requested: readonly string[]): Promise<Totals[]> {
	const guildIds = [...new Set(requested)];
	const next = placeholders(dialectOf(db));
	const rows = await db.$queryRawUnsafe<{ guildId: string | null; n: bigint | number }[]>(
		`SELECT NULL AS "guildId", "value" AS n FROM "Counter" WHERE "name" = 'signatures'
		 UNION ALL SELECT "guildId", COUNT(*) FROM "Signature" WHERE "guildId" IN (${guildIds.map(next).join(', ')}) GROUP BY "guildId"`,
		...guildIds,
	);
	const byGuild = new Map<string, number>();
	let total = 0;
	for (const row of rows) {
		if (row.guildId === null) total = Number(row.n);
		else byGuild.set(row.guildId, Number(row.n));
	}
	return requested.map((guildId) => ({ total, guildCount: byGuild.get(guildId) ?? 0 }));
}

/** The batches of each open database (their statements run through that handle). */
const batches = handleBinding<SignatureBatches>('signature batches');
export const signatureBatchesOf = batches.of;

export function bindSignatureBatches(db: Database): void {
	batches.bind(db, createSignatureBatches(db));
}
