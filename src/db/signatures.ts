import { type DetailsCipher, detailsCipherOf } from '../privacy/detailsCipher.js';
import type { Database } from './client.js';
import { boolValue, dialectOf, placeholders, timeValue } from './dialect.js';
import { CHECKPOINT_TRUNCATE } from './pragmas.js';

export interface SignatureDetails {
	artistName?: string | undefined;
	city?: string | undefined;
	public?: boolean | undefined;
	/**
	 * The member's Discord display name: stored as the artist name only when the signature ends up public with no
	 * name stored (a first public signing without one). Never stored for a private signature.
	 */
	fallbackName?: string | undefined;
}

export interface Totals {
	total: number;
	/** Signers whose signature came from this server. */
	guildCount: number;
}

/** What a signing reply shows of the stored signature. */
export interface SignedDetails {
	artistName: string | null;
	city: string | null;
	public: boolean;
	/** Taken off the roster by moderators (/pledge unlist) until the signer gives a new artist name. */
	unlisted: boolean;
}

/** A row as stored: artistName and city encrypted (src/privacy/detailsCipher.ts). */
type DetailsRow = {
	artistName: string | null;
	city: string | null;
	public: boolean | number | bigint;
	unlisted?: boolean | number | bigint;
};

const detailsOf = (cipher: DetailsCipher, signerKey: string, row: DetailsRow): SignedDetails => ({
	artistName: row.artistName === null ? null : cipher.open(signerKey, 'artistName', row.artistName),
	city: row.city === null ? null : cipher.open(signerKey, 'city', row.city),
	public: Boolean(Number(row.public)),
	unlisted: Boolean(Number(row.unlisted ?? 0)),
});

interface PendingInsert {
	values: unknown[];
	signerKey: string;
	settle: { resolve: (row: DetailsRow | undefined) => void; reject: (error: unknown) => void };
}

/** Signature inserts not yet sent, per database. */
const insertBatches = new WeakMap<Database, PendingInsert[]>();
/** 8 bound variables a row: far below SQLite's 32,766 and PostgreSQL's 65,535 per statement. */
const MAX_INSERTS_PER_STATEMENT = 500;

/**
 * Inserts a signature unless one exists for the key, and resolves with the stored row, or undefined when there
 * was one. Inserts asked for in the same turn of the event loop go in one multi-row statement (one commit), in
 * the order asked: of two for the same key, the first inserts and the second finds it taken.
 */
function insertSignature(db: Database, signerKey: string, values: unknown[]): Promise<DetailsRow | undefined> {
	return new Promise((resolve, reject) => {
		let batch = insertBatches.get(db);
		if (!batch || batch.length >= MAX_INSERTS_PER_STATEMENT) {
			const pending: PendingInsert[] = [];
			batch = pending;
			insertBatches.set(db, pending);
			setImmediate(() => {
				if (insertBatches.get(db) === pending) insertBatches.delete(db); // later inserts start a new batch
				void flushInserts(db, pending);
			});
		}
		batch.push({ values, signerKey, settle: { resolve, reject } });
	});
}

async function flushInserts(db: Database, batch: PendingInsert[]): Promise<void> {
	try {
		const next = placeholders(dialectOf(db));
		const rows = await db.$queryRawUnsafe<(DetailsRow & { signerKey: string })[]>(
			`INSERT INTO "Signature" ("signerKey", "guildId", "artistName", "city", "cityTag", "public", "signedAt", "updatedAt")
			 VALUES ${batch.map(() => `(${Array.from({ length: 8 }, next).join(', ')})`).join(', ')}
			 ON CONFLICT ("signerKey") DO NOTHING RETURNING "signerKey", "artistName", "city", "public"`,
			...batch.flatMap((insert) => insert.values),
		);
		const inserted = new Map(rows.map((row) => [row.signerKey, row]));
		for (const insert of batch) {
			insert.settle.resolve(inserted.get(insert.signerKey));
			inserted.delete(insert.signerKey); // a second insert of the same key in this batch found it taken
		}
	} catch (error) {
		for (const insert of batch) insert.settle.reject(error);
	}
}

/**
 * Signs the pledge, or updates the details of an existing signature: only the options given replace stored ones;
 * the server of origin and first signing time stay. Insert-first so that concurrent signs by one member end in one
 * row and exactly one of them reports `created`. A withdraw that deletes the row between the failed insert and the
 * update makes this a new signature: insert again.
 *
 * Hot path of a signing burst: raw statements (INSERT … ON CONFLICT DO NOTHING RETURNING, batched with the
 * other signs of the same event-loop turn; then, for a second signing, UPDATE … RETURNING), a fraction of the cost
 * of Prisma's create/update. Details are encrypted per row before they reach SQL. Times are bound as Prisma stores
 * them (src/db/dialect.ts); `updatedAt` is the real time, as Prisma's @updatedAt sets it.
 */
export async function signPledge(
	db: Database,
	signerKey: string,
	guildId: string,
	details: SignatureDetails,
	at: Date,
): Promise<{ created: boolean; signature: SignedDetails }> {
	const cipher = detailsCipherOf(db);
	const dialect = dialectOf(db);
	const seal = (column: 'artistName' | 'city', text: string | undefined) =>
		text === undefined ? undefined : cipher.seal(signerKey, column, text);
	const artistName = seal('artistName', details.artistName);
	const city = seal('city', details.city);
	const cityTag = details.city === undefined ? undefined : cipher.cityTag(details.city);
	// Only needed when the row ends up public without a name: sealed up front, used by SQL only in that case.
	const fallback = details.public === false ? undefined : seal('artistName', details.fallbackName);
	for (let attempt = 0; attempt < 3; attempt++) {
		const inserted = await insertSignature(db, signerKey, [
			signerKey,
			guildId,
			artistName ?? (details.public ? fallback : undefined) ?? null,
			city ?? null,
			cityTag ?? null,
			boolValue(dialect, details.public === true),
			timeValue(dialect, at),
			timeValue(dialect, Date.now()),
		]);
		if (inserted) return { created: true, signature: detailsOf(cipher, signerKey, inserted) };
		const next = placeholders(dialect);
		const sets: string[] = [`"updatedAt" = ${next()}`];
		const values: unknown[] = [timeValue(dialect, Date.now())];
		if (details.public !== undefined) {
			// An unlisted name stays off the roster until a new one is given (/pledge unlist).
			const value = next();
			sets.push(
				artistName === undefined
					? `"public" = CASE WHEN "unlisted" THEN FALSE ELSE ${value} END`
					: `"public" = ${value}`,
			);
			values.push(boolValue(dialect, details.public));
		}
		if (artistName !== undefined) {
			sets.push(`"artistName" = ${next()}`, `"unlisted" = FALSE`);
			values.push(artistName);
		} else if (fallback !== undefined) {
			// SET expressions read the row as it was: "public" here is the old value, so use the new one if given.
			sets.push(
				`"artistName" = CASE WHEN "artistName" IS NULL AND ${details.public ? 'TRUE' : '"public"'} THEN ${next()} ELSE "artistName" END`,
			);
			values.push(fallback);
		}
		if (city !== undefined) {
			sets.push(`"city" = ${next()}`, `"cityTag" = ${next()}`);
			values.push(city, cityTag);
		}
		const [updated] = await db.$queryRawUnsafe<DetailsRow[]>(
			`UPDATE "Signature" SET ${sets.join(', ')} WHERE "signerKey" = ${next()} RETURNING "artistName", "city", "public", "unlisted"`,
			...values,
			signerKey,
		);
		if (updated) return { created: false, signature: detailsOf(cipher, signerKey, updated) };
	}
	throw new Error('signature kept changing under concurrent sign and withdraw');
}

/** The member's signature, or null. A raw statement: a third of the cost of Prisma's findUnique. */
export async function findSignature(
	db: Database,
	signerKey: string,
): Promise<(SignedDetails & { signedAt: Date }) | null> {
	const [row] = await db.$queryRaw<(DetailsRow & { signedAt: Date | number })[]>`
		SELECT "artistName", "city", "public", "unlisted", "signedAt" FROM "Signature" WHERE "signerKey" = ${signerKey}`;
	return row ? { ...detailsOf(detailsCipherOf(db), signerKey, row), signedAt: new Date(row.signedAt) } : null;
}

/**
 * Deletes the row (not a flag on it). Returns whether there was one. On SQLite secure_delete (src/db/pragmas.ts)
 * zeroes the row in the pages; the checkpoint then copies those pages into the database file and truncates the WAL,
 * whose older frames still held the row, so no file of the database keeps it. PostgreSQL has neither: its own
 * VACUUM reclaims the dead row later (SECURITY.md).
 */
export async function withdrawSignature(db: Database, signerKey: string): Promise<boolean> {
	const { count } = await db.signature.deleteMany({ where: { signerKey } });
	if (count > 0 && dialectOf(db) === 'sqlite') await db.$queryRawUnsafe(CHECKPOINT_TRUNCATE);
	return count > 0;
}

interface CountBatch {
	guildIds: Set<string>;
	result: Promise<{ total: number; byGuild: Map<string, number> }>;
}

/** The batch of count requests not yet sent, per database. */
const countBatches = new WeakMap<Database, CountBatch>();
/** A batch is sent early when it names this many servers (bound variables stay far below SQLite's limit). */
const MAX_GUILDS_PER_COUNT = 500;

/**
 * The campaign total and this server's count (hot path of a signing burst). Requests made in the same turn of
 * the event loop share one statement: the total (the `signatures` counter, kept by triggers in the same transaction
 * as each insert or delete: PostgreSQL's COUNT(*) reads every row) and the count of each server named (the guildId
 * index range). The statement runs after every request of its batch was made, so a signer's own signature, written
 * before asking, is always counted.
 */
export function countSignatures(db: Database, guildId: string): Promise<Totals> {
	let batch = countBatches.get(db);
	if (!batch || batch.guildIds.size >= MAX_GUILDS_PER_COUNT) {
		const guildIds = new Set<string>();
		const result = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
			if (countBatches.get(db)?.guildIds === guildIds) countBatches.delete(db); // later requests start a new batch
			const ids = [...guildIds];
			const next = placeholders(dialectOf(db));
			const rows = await db.$queryRawUnsafe<{ guildId: string | null; n: bigint | number }[]>(
				`SELECT NULL AS "guildId", "value" AS n FROM "Counter" WHERE "name" = 'signatures'
				 UNION ALL SELECT "guildId", COUNT(*) FROM "Signature" WHERE "guildId" IN (${ids.map(next).join(', ')}) GROUP BY "guildId"`,
				...ids,
			);
			const byGuild = new Map<string, number>();
			let total = 0;
			for (const row of rows) {
				if (row.guildId === null) total = Number(row.n);
				else byGuild.set(row.guildId, Number(row.n));
			}
			return { total, byGuild };
		});
		batch = { guildIds, result };
		countBatches.set(db, batch);
	}
	batch.guildIds.add(guildId);
	return batch.result.then(({ total, byGuild }) => ({ total, guildCount: byGuild.get(guildId) ?? 0 }));
}

export interface SignerPage {
	signers: { artistName: string | null; city: string | null; signedAt: Date }[];
	page: number;
	pageCount: number;
	publicCount: number;
}

/** Public signers only, newest first signing first. `page` is clamped into range. */
export async function listPublicSigners(db: Database, page: number, pageSize: number): Promise<SignerPage> {
	const publicCount = await db.signature.count({ where: { public: true } });
	const pageCount = Math.max(1, Math.ceil(publicCount / pageSize));
	const current = Math.min(Math.max(1, page), pageCount);
	const rows = await db.signature.findMany({
		where: { public: true },
		orderBy: [{ signedAt: 'desc' }, { signerKey: 'asc' }],
		skip: (current - 1) * pageSize,
		take: pageSize,
		select: { signerKey: true, artistName: true, city: true, public: true, signedAt: true },
	});
	const cipher = detailsCipherOf(db);
	const signers = rows.map(({ signerKey, signedAt, ...row }) => {
		const { artistName, city } = detailsOf(cipher, signerKey, row);
		return { artistName, city, signedAt };
	});
	return { signers, page: current, pageCount, publicCount };
}

/**
 * The campaign total: one signature per person across all servers. The `signatures` counter (one row, kept by
 * triggers), the same figure as COUNT(*) without reading every row (PostgreSQL has no cheap COUNT(*)).
 */
export async function totalSignatures(db: Database): Promise<number> {
	const [row] = await db.$queryRaw<
		{ total: bigint | number }[]
	>`SELECT "value" AS total FROM "Counter" WHERE "name" = 'signatures'`;
	return Number(row?.total ?? 0);
}
