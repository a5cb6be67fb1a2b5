// Queries of the milestone job. Each is one statement whatever the number of servers, so a tick runs the same
// statements for 1 or 10,000 servers.

import type { Database } from './client.js';
import { boolValue, dialectOf, placeholders, timeValue } from './dialect.js';
import { thresholdsOf } from './guildSettings.js';

/** The campaign total and the version of the job's inputs, from the counters the triggers keep (model Counter). */
export interface MilestoneInputs {
	total: number;
	/** Changes with every write to GuildSettings or MilestoneAnnouncement. */
	version: bigint;
}

/** One row read per counter: no count of the signatures, no read of the servers. */
export async function milestoneInputs(db: Database): Promise<MilestoneInputs> {
	const rows = await db.$queryRawUnsafe<{ name: string; value: bigint | number }[]>(
		`SELECT "name", "value" FROM "Counter" WHERE "name" IN ('signatures', 'milestoneInputs')`,
	);
	const value = (name: string) => {
		const row = rows.find((r) => r.name === name);
		if (!row) throw new Error(`the Counter row ${name} is missing (its migration seeds it)`);
		return BigInt(row.value);
	};
	return { total: Number(value('signatures')), version: value('milestoneInputs') };
}

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
	// The one difference: SQLite's group_concat is PostgreSQL's string_agg.
	const recordedList =
		dialectOf(db) === 'sqlite' ? 'group_concat(m."threshold")' : `string_agg(m."threshold"::text, ',')`;
	const rows = await db.$queryRawUnsafe<
		{
			guildId: string;
			channelId: string;
			milestoneThresholds: string | null;
			language: string | null;
			guildLocale: string | null;
			recorded: string | null;
		}[]
	>(
		`SELECT g."guildId", g."announcementChannelId" AS "channelId", g."milestoneThresholds", g."language", g."guildLocale",
			(SELECT ${recordedList} FROM "MilestoneAnnouncement" m WHERE m."guildId" = g."guildId") AS "recorded"
		FROM "GuildSettings" g
		WHERE g."announcementChannelId" IS NOT NULL AND g."announcementChannelError" IS NULL`,
	);
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

// SQLite allows 32,766 bound variables per statement, PostgreSQL 65,535; at most 7 per row.
const ROWS_PER_STATEMENT = 4000;

/**
 * Claims posts before they are sent: inserts each as `claimed` unless the server already has that threshold
 * (posted, recorded or claimed). Returns the claims this call made, so two callers racing (an overlap of leases)
 * never both get one. The same statement on both dialects, with their placeholders, booleans and time values.
 */
export async function claimMilestones(db: Database, claims: MilestoneClaim[], at: Date): Promise<MilestoneClaim[]> {
	const won: MilestoneClaim[] = [];
	const dialect = dialectOf(db);
	for (let i = 0; i < claims.length; i += ROWS_PER_STATEMENT) {
		const chunk = claims.slice(i, i + ROWS_PER_STATEMENT);
		const next = placeholders(dialect);
		const values = chunk
			.map(() => `(${next()}, ${next()}, TRUE, NULL, ${next()}, ${next()}, 'claimed', ${next()}, ${next()})`)
			.join(', ');
		const args = chunk.flatMap((c) => [c.guildId, c.threshold, c.total, timeValue(dialect, at), c.nonce, c.channelId]);
		const rows = await db.$queryRawUnsafe<{ guildId: string; threshold: number | bigint }[]>(
			`INSERT INTO "MilestoneAnnouncement" ("guildId", "threshold", "posted", "messageId", "total", "recordedAt", "state", "nonce", "channelId")
			 VALUES ${values} ON CONFLICT ("guildId", "threshold") DO NOTHING RETURNING "guildId", "threshold"`,
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
 * done with the outcome given. One statement per 4,000 rows, the same on both dialects.
 */
export async function recordMilestones(db: Database, records: MilestoneRecord[], at: Date): Promise<void> {
	const dialect = dialectOf(db);
	for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT) {
		const chunk = records.slice(i, i + ROWS_PER_STATEMENT);
		const next = placeholders(dialect);
		const values = chunk
			.map(() => `(${next()}, ${next()}, ${next()}, ${next()}, ${next()}, ${next()}, 'done')`)
			.join(', ');
		const args = chunk.flatMap((r) => [
			r.guildId,
			r.threshold,
			boolValue(dialect, r.posted),
			r.messageId,
			r.total,
			timeValue(dialect, at),
		]);
		await db.$executeRawUnsafe(
			`INSERT INTO "MilestoneAnnouncement" ("guildId", "threshold", "posted", "messageId", "total", "recordedAt", "state")
			 VALUES ${values} ON CONFLICT ("guildId", "threshold") DO UPDATE
			 SET "posted" = excluded."posted", "messageId" = excluded."messageId", "state" = 'done', "recordedAt" = excluded."recordedAt"
			 WHERE "MilestoneAnnouncement"."state" = 'claimed'`,
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
	const dialect = dialectOf(db);
	for (let i = 0; i < problems.length; i += ROWS_PER_STATEMENT) {
		const chunk = problems.slice(i, i + ROWS_PER_STATEMENT);
		const next = placeholders(dialect);
		const cases = chunk.map(() => `WHEN ${next()} THEN ${next()}`).join(' ');
		const pairs = chunk.map(() => `(${next()}, ${next()})`).join(', ');
		await db.$executeRawUnsafe(
			`UPDATE "GuildSettings" SET "announcementChannelError" = CASE "guildId" ${cases} END
			 WHERE ("guildId", "announcementChannelId") IN (VALUES ${pairs})`,
			...chunk.flatMap((p) => [p.guildId, p.problem]),
			...chunk.flatMap((p) => [p.guildId, p.channelId]),
		);
	}
}
