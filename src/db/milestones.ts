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
}

/** Servers with a working announcement channel, with their thresholds and what they have already had. */
export async function announcementTargets(db: Database): Promise<AnnouncementTarget[]> {
	const rows = await db.$queryRaw<
		{ guildId: string; channelId: string; milestoneThresholds: string | null; recorded: string | null }[]
	>`
		SELECT g.guildId, g.announcementChannelId AS channelId, g.milestoneThresholds,
			(SELECT group_concat(m.threshold) FROM MilestoneAnnouncement m WHERE m.guildId = g.guildId) AS recorded
		FROM GuildSettings g
		WHERE g.announcementChannelId IS NOT NULL AND g.announcementChannelError IS NULL`;
	return rows.map((r) => ({
		guildId: r.guildId,
		channelId: r.channelId,
		thresholds: thresholdsOf(r),
		recorded: new Set(r.recorded ? r.recorded.split(',').map(Number) : []),
	}));
}

export interface MilestoneRecord {
	guildId: string;
	threshold: number;
	posted: boolean;
	messageId: string | null;
	total: number;
}

// SQLite allows 32,766 bound variables per statement; 6 per row.
const ROWS_PER_STATEMENT = 5000;

/** Records milestones as had (posted or not), idempotently: a row already there stays as it was. */
export async function recordMilestones(db: Database, records: MilestoneRecord[], at: Date): Promise<void> {
	for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT) {
		const chunk = records.slice(i, i + ROWS_PER_STATEMENT);
		const values = chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
		const args = chunk.flatMap((r) => [r.guildId, r.threshold, r.posted ? 1 : 0, r.messageId, r.total, at.getTime()]);
		await db.$executeRawUnsafe(
			`INSERT INTO MilestoneAnnouncement (guildId, threshold, posted, messageId, total, recordedAt)
			 VALUES ${values} ON CONFLICT (guildId, threshold) DO NOTHING`,
			...args,
		);
	}
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
