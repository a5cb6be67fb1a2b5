// The public roster as moderators manage it: names are encrypted at rest, so matching a name means opening the
// public names of one server (a server's roster is small; the campaign-wide roster is paged in signatures.ts).
import { detailsCipherOf } from '../privacy/detailsCipher.js';
import { recordAudit } from './audit.js';
import type { Database } from './client.js';

/** Names compare as members type them: NFC, case folded, whitespace folded. */
export function nameKey(name: string): string {
	return name.normalize('NFC').toLocaleLowerCase('und').replace(/\s+/g, ' ').trim();
}

/** The listed (public, named) signatures of a server, decrypted, newest first. */
export async function listedNamesOf(db: Database, guildId: string): Promise<{ signerKey: string; name: string }[]> {
	const rows = await db.signature.findMany({
		where: { guildId, public: true, artistName: { not: null } },
		orderBy: [{ signedAt: 'desc' }, { signerKey: 'asc' }],
		select: { signerKey: true, artistName: true },
	});
	const cipher = detailsCipherOf(db);
	return rows.map((row) => ({
		signerKey: row.signerKey,
		name: cipher.open(row.signerKey, 'artistName', row.artistName ?? ''),
	}));
}

/**
 * Takes every public signature of this server listed under `name` (exactly, ignoring case) off the roster: private,
 * and marked so that signing again with `public` does not list it until the signer gives a new name. The
 * signatures stay. Audited without the name (what a signer typed is never stored in clear). Returns how many.
 */
export async function unlistName(db: Database, guildId: string, name: string, actorId: string): Promise<number> {
	const wanted = nameKey(name);
	const keys = (await listedNamesOf(db, guildId)).filter((row) => nameKey(row.name) === wanted).map((r) => r.signerKey);
	if (keys.length === 0) return 0;
	return db.$transaction(async (tx) => {
		const { count } = await tx.signature.updateMany({
			where: { signerKey: { in: keys }, guildId, public: true },
			data: { public: false, unlisted: true },
		});
		await recordAudit(tx, { guildId, actorId, action: 'pledge.unlist', detail: { signatures: count } });
		return count;
	});
}
