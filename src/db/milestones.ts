// Queries of the milestone job. Each is one statement whatever the number of servers, so a tick costs
// the same for 1 or 1,000 servers.

import type { Database } from './client.js';
import { thresholdsOf } from './guildSettings.js';

export interface AnnouncementTarget {
	guildId: string;
	channelId: string;
	thresholds: number[];
	/** Thresholds already posted or recorded for this server. */
	recorded: Set<number>;
	/** `/setup language` (en | es), or null: the server's Discord locale decides. */
	language: string | null;
	/** The server's Discord locale as /setup last saw it. */
	guildLocale: string | null;
}

/** Servers with a working announcement channel, with their thresholds and what they have already had. */
export async function announcementTargets(db: Database): Promise<AnnouncementTarget[]> {
	const rows = await db.$queryRaw<
		{
			guildId: string;
			channelId: string;
			milestoneThresholds: string | null;
			language: string | null;
			guildLocale: string | null;
			recorded: string | null;
		}[]
	>`
		SELECT g.guildId, g.announcementChannelId AS channelId, g.milestoneThresholds, g.language, g.guildLocale,
			(SELECT group_concat(m.threshold) FROM MilestoneAnnouncement m WHERE m.guildId = g.guildId) AS recorded
		FROM GuildSettings g
		WHERE g.announcementChannelId IS NOT NULL AND g.announcementChannelError IS NULL`;
	return rows.map((r) => ({
		guildId: r.guildId,
		channelId: r.channelId,
		thresholds: thresholdsOf(r),
		recorded: new Set(r.recorded ? r.recorded.split(',').map(Number) : []),
		language: r.language,
		guildLocale: r.guildLocale,
	}));
}

export interface MilestoneRecord {
	guildId: string;
	threshold: number;
	posted: boolean;
	messageId: string | null;
	total: number;
}

/** A post claimed before it is sent: `(guildId, threshold)` in state `claimed`, with its nonce and channel. */
export interface MilestoneClaim {
	guildId: string;
	threshold: number;
	channelId: string;
	nonce: string;
	total: number;
}

// SQLite allows 32,766 bound variables per statement; at most 7 per row.
const ROWS_PER_STATEMENT = 4000;

/**
 * Claims posts before they are sent: inserts each as `claimed` unless the server already has that threshold
 * (posted, recorded or claimed). Returns the claims this call made, so two callers racing (an overlap of leases)
 * never both get one. Dialect-sensitive (`RETURNING`, epoch-ms time): PostgreSQL gets its own version.
 */
export async function claimMilestones(db: Database, claims: MilestoneClaim[], at: Date): Promise<MilestoneClaim[]> {
	const won: MilestoneClaim[] = [];
	for (let i = 0; i < claims.length; i += ROWS_PER_STATEMENT) {
		const chunk = claims.slice(i, i + ROWS_PER_STATEMENT);
		const values = chunk.map(() => "(?, ?, 1, NULL, ?, ?, 'claimed', ?, ?)").join(', ');
		const args = chunk.flatMap((c) => [c.guildId, c.threshold, c.total, at.getTime(), c.nonce, c.channelId]);
		const rows = await db.$queryRawUnsafe<{ guildId: string; threshold: number | bigint }[]>(
			`INSERT INTO MilestoneAnnouncement (guildId, threshold, posted, messageId, total, recordedAt, state, nonce, channelId)
			 VALUES ${values} ON CONFLICT (guildId, threshold) DO NOTHING RETURNING guildId, threshold`,
			...args,
		);
		const inserted = new Set(rows.map((r) => `${r.guildId}:${Number(r.threshold)}`));
		won.push(...chunk.filter((c) => inserted.has(`${c.guildId}:${c.threshold}`)));
	}
	return won;
}

/** Claims left without a confirmed message (a crash, or a failure whose outcome Discord did not tell). */
export async function openClaims(db: Database): Promise<MilestoneClaim[]> {
	const rows = await db.milestoneAnnouncement.findMany({
		where: { state: 'claimed' },
		select: { guildId: true, threshold: true, channelId: true, nonce: true, total: true },
	});
	return rows.map((r) => ({ ...r, channelId: r.channelId ?? '', nonce: r.nonce ?? '' }));
}

/**
 * Records milestones as had (posted or not), idempotently: a row already done stays as it was, a claim becomes
 * done with the outcome given. One statement per 4,000 rows. Dialect-sensitive (upsert with a condition, epoch-ms
 * time): PostgreSQL gets its own version.
 */
export async function recordMilestones(db: Database, records: MilestoneRecord[], at: Date): Promise<void> {
	for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT) {
		const chunk = records.slice(i, i + ROWS_PER_STATEMENT);
		const values = chunk.map(() => "(?, ?, ?, ?, ?, ?, 'done')").join(', ');
		const args = chunk.flatMap((r) => [r.guildId, r.threshold, r.posted ? 1 : 0, r.messageId, r.total, at.getTime()]);
		await db.$executeRawUnsafe(
			`INSERT INTO MilestoneAnnouncement (guildId, threshold, posted, messageId, total, recordedAt, state)
			 VALUES ${values} ON CONFLICT (guildId, threshold) DO UPDATE
			 SET posted = excluded.posted, messageId = excluded.messageId, state = 'done', recordedAt = excluded.recordedAt
			 WHERE MilestoneAnnouncement.state = 'claimed'`,
			...args,
		);
	}
}

/** Withdraws claims whose post Discord refused (the channel is gone or forbidden): nothing was posted. */
export async function dropClaims(db: Database, claims: { guildId: string; threshold: number }[]): Promise<void> {
	if (claims.length === 0) return;
	await db.milestoneAnnouncement.deleteMany({
		where: { state: 'claimed', OR: claims.map(({ guildId, threshold }) => ({ guildId, threshold })) },
	});
}

/**
 * Marks announcement channels the bot can no longer post in; later ticks skip them until set again. Only a
 * server still set to the channel that failed is marked: one set again while the post was in flight stays clear.
 */
export async function markChannelsBroken(
	db: Database,
	problems: { guildId: string; channelId: string; problem: string }[],
): Promise<void> {
	// 4 bound variables per row.
	for (let i = 0; i < problems.length; i += ROWS_PER_STATEMENT) {
		const chunk = problems.slice(i, i + ROWS_PER_STATEMENT);
		const cases = chunk.map(() => 'WHEN ? THEN ?').join(' ');
		const pairs = chunk.map(() => '(?, ?)').join(', ');
		await db.$executeRawUnsafe(
			`UPDATE GuildSettings SET announcementChannelError = CASE guildId ${cases} END
			 WHERE (guildId, announcementChannelId) IN (VALUES ${pairs})`,
			...chunk.flatMap((p) => [p.guildId, p.problem]),
			...chunk.flatMap((p) => [p.guildId, p.channelId]),
		);
	}
}
