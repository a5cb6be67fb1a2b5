import { type DetailsCipher, detailsCipherOf } from '../privacy/detailsCipher.js';
import type { Database } from './client.js';
import { boolValue, dialectOf, placeholders, timeValue } from './dialect.js';
import { CHECKPOINT_TRUNCATE } from './pragmas.js';
import { type DetailsRow, signatureBatchesOf, type Totals } from './signatureBatches.js';

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

/** What a signing reply shows of the stored signature. */
export interface SignedDetails {
	artistName: string | null;
	city: string | null;
	public: boolean;
	/** Taken off the roster by moderators (/pledge unlist) until the signer gives a new artist name. */
	unlisted: boolean;
}

const detailsOf = (cipher: DetailsCipher, signerKey: string, row: DetailsRow): SignedDetails => ({
	artistName: row.artistName === null ? null : cipher.open(signerKey, 'artistName', row.artistName),
	city: row.city === null ? null : cipher.open(signerKey, 'city', row.city),
	public: Boolean(Number(row.public)),
	unlisted: Boolean(Number(row.unlisted ?? 0)),
});

/**
 * Signs the pledge, or updates the details of an existing signature: only the options given replace stored ones;
 * the server of origin and first signing time stay. Insert-first so that concurrent signs by one member end in one
 * row and exactly one of them reports `created`. A withdraw that deletes the row between the failed insert and the
 * update makes this a new signature: insert again.
 *
 * Hot path of a signing burst: raw statements, a fraction of the cost of Prisma's create/update. The INSERT … ON
 * CONFLICT DO NOTHING RETURNING is batched with the other signs of the same event-loop turn and runs on Prisma's
 * connection without the client (src/db/signatureBatches.ts); a second signing's UPDATE … RETURNING goes through
 * $queryRawUnsafe. Details are encrypted per row before they reach SQL. Times are bound as Prisma stores
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
	// The Discord display name, stored only when the row ends up public without a name: sealed once, and only for a
	// statement given no name that can store it (an insert made public; an update).
	let sealedFallback: string | undefined;
	const fallback = () => {
		if (details.public === false) return undefined;
		sealedFallback ??= seal('artistName', details.fallbackName);
		return sealedFallback;
	};
	for (let attempt = 0; attempt < 3; attempt++) {
		const inserted = await signatureBatchesOf(db).insert.load({
			signerKey,
			values: [
				signerKey,
				guildId,
				artistName ?? (details.public ? fallback() : undefined) ?? null,
				city ?? null,
				cityTag ?? null,
				boolValue(dialect, details.public === true),
				timeValue(dialect, at),
				timeValue(dialect, Date.now()),
			],
		});
		if (inserted) {
			// Stored as given: the reply shows the plaintext it sealed, without opening it again.
			const name = details.artistName ?? (details.public ? details.fallbackName : undefined) ?? null;
			const signature = {
				artistName: name,
				city: details.city ?? null,
				public: details.public === true,
				unlisted: false,
			};
			return { created: true, signature };
		}
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
		} else {
			const name = fallback();
			if (name !== undefined) {
				// SET expressions read the row as it was: "public" here is the old value, so use the new one if given.
				sets.push(
					`"artistName" = CASE WHEN "artistName" IS NULL AND ${details.public ? 'TRUE' : '"public"'} THEN ${next()} ELSE "artistName" END`,
				);
				values.push(name);
			}
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

/**
 * The campaign total and this server's count (hot path of a signing burst), batched with the other counts of the
 * same event-loop turn (src/db/signatureBatches.ts): a signer's own signature, written before asking, is counted.
 */
export function countSignatures(db: Database, guildId: string): Promise<Totals> {
	return signatureBatchesOf(db).count.load(guildId);
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
