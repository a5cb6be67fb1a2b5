import type { Database } from './client.js';
import { isUniqueViolation } from './errors.js';

export interface SignatureDetails {
	artistName?: string | undefined;
	city?: string | undefined;
	public?: boolean | undefined;
}

export interface Totals {
	total: number;
	/** Signers whose signature came from this server. */
	guildCount: number;
}

/** Only the options given replace stored ones; the server of origin and first signing time stay. */
function changes(details: SignatureDetails) {
	return {
		...(details.artistName !== undefined ? { artistName: details.artistName } : {}),
		...(details.city !== undefined ? { city: details.city } : {}),
		...(details.public !== undefined ? { public: details.public } : {}),
	};
}

/**
 * Signs the pledge, or updates the details of an existing signature. Insert-first so that concurrent
 * signs by one member end in one row and exactly one of them reports `created`.
 */
export async function signPledge(
	db: Database,
	signerKey: string,
	guildId: string,
	details: SignatureDetails,
	at: Date,
) {
	try {
		const signature = await db.signature.create({ data: { signerKey, guildId, signedAt: at, ...changes(details) } });
		return { created: true, signature };
	} catch (error) {
		if (!isUniqueViolation(error)) throw error;
		const signature = await db.signature.update({ where: { signerKey }, data: changes(details) });
		return { created: false, signature };
	}
}

export function findSignature(db: Database, signerKey: string) {
	return db.signature.findUnique({ where: { signerKey } });
}

/** Deletes the row (not a flag on it). Returns whether there was one. */
export async function withdrawSignature(db: Database, signerKey: string): Promise<boolean> {
	const { count } = await db.signature.deleteMany({ where: { signerKey } });
	return count > 0;
}

/** The campaign total and this server's count, in one statement (hot path of a signing burst). */
export async function countSignatures(db: Database, guildId: string): Promise<Totals> {
	const [row] = await db.$queryRaw<{ total: bigint | number; guildCount: bigint | number | null }[]>`
		SELECT COUNT(*) AS total, SUM(guildId = ${guildId}) AS guildCount FROM Signature`;
	return { total: Number(row?.total ?? 0), guildCount: Number(row?.guildCount ?? 0) };
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
	const signers = await db.signature.findMany({
		where: { public: true },
		orderBy: [{ signedAt: 'desc' }, { signerKey: 'asc' }],
		skip: (current - 1) * pageSize,
		take: pageSize,
		select: { artistName: true, city: true, signedAt: true },
	});
	return { signers, page: current, pageCount, publicCount };
}

/** The campaign total: one signature per person across all servers. */
export function totalSignatures(db: Database): Promise<number> {
	return db.signature.count();
}
