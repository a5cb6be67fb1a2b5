// What organisers download with /campaign export: the public roster (campaign-wide) and one server's gig flags.
import { detailsCipherOf } from '../privacy/detailsCipher.js';
import type { Database } from './client.js';
import type { GigFlag } from './gigs.js';

export interface RosterRow {
	artistName: string | null;
	city: string | null;
	signedAt: Date;
}

/** Every public signature, oldest first, decrypted; private signers are never read. */
export async function publicRoster(db: Database): Promise<RosterRow[]> {
	const rows = await db.signature.findMany({
		where: { public: true },
		orderBy: [{ signedAt: 'asc' }, { signerKey: 'asc' }],
		select: { signerKey: true, artistName: true, city: true, signedAt: true },
	});
	const cipher = detailsCipherOf(db);
	return rows.map((row) => ({
		artistName: row.artistName === null ? null : cipher.open(row.signerKey, 'artistName', row.artistName),
		city: row.city === null ? null : cipher.open(row.signerKey, 'city', row.city),
		signedAt: row.signedAt,
	}));
}

/** Every flag of the server, oldest first, with its number of reports. */
export async function serverFlags(db: Database, guildId: string): Promise<(GigFlag & { reports: number })[]> {
	const flags = await db.gigFlag.findMany({
		where: { guildId },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		include: { _count: { select: { reports: true } } },
	});
	return flags.map(({ _count, ...flag }) => ({ ...flag, reports: _count.reports }));
}
