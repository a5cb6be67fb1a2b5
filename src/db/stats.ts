// The campaign in numbers for /campaign stats: counts only, and cities only in groups of at least 5 signers.
import { detailsCipherOf } from '../privacy/detailsCipher.js';
import type { Database } from './client.js';
import { totalSignatures } from './signatures.js';

const DAY_MS = 86_400_000;
/** A city is named only when at least this many signers share it, so a small group cannot be singled out. */
export const CITY_MINIMUM = 5;
const TOP_CITIES = 5;

export interface CampaignStats {
	total: number;
	lastWeek: number;
	lastMonth: number;
	/** Servers at least one signature came from. */
	servers: number;
	/** Signers who chose to be listed. */
	publicCount: number;
	/** This server's confirmed gigs from today on. */
	upcomingGigs: number;
	/** The largest city groups of CITY_MINIMUM or more, largest first; the city as one of its signers wrote it. */
	topCities: { city: string; signers: number }[];
}

export async function campaignStats(db: Database, guildId: string, now: Date, today: string): Promise<CampaignStats> {
	const since = (days: number) =>
		db.signature.count({ where: { signedAt: { gte: new Date(now.getTime() - days * DAY_MS) } } });
	const [total, lastWeek, lastMonth, servers, publicCount, upcomingGigs, groups] = await Promise.all([
		totalSignatures(db),
		since(7),
		since(30),
		db.signature.groupBy({ by: ['guildId'] }).then((rows) => rows.length),
		db.signature.count({ where: { public: true } }),
		db.gigFlag.count({ where: { guildId, status: 'confirmed', date: { gte: today } } }),
		db.signature.groupBy({
			by: ['cityTag'],
			where: { cityTag: { not: null } },
			_count: { _all: true },
			_min: { signerKey: true },
			having: { cityTag: { _count: { gte: CITY_MINIMUM } } },
			orderBy: [{ _count: { cityTag: 'desc' } }, { cityTag: 'asc' }],
			take: TOP_CITIES,
		}),
	]);
	const samples = groups.flatMap((g) => (g._min.signerKey ? [g._min.signerKey] : []));
	const rows = await db.signature.findMany({
		where: { signerKey: { in: samples } },
		select: { signerKey: true, city: true },
	});
	const cipher = detailsCipherOf(db);
	const cityOf = new Map(rows.map((r) => [r.signerKey, r.city ? cipher.open(r.signerKey, 'city', r.city) : '']));
	const topCities = groups.map((g) => ({ city: cityOf.get(g._min.signerKey ?? '') ?? '', signers: g._count._all }));
	return { total, lastWeek, lastMonth, servers, publicCount, upcomingGigs, topCities };
}
