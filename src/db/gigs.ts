import type { Prisma } from '../generated/prisma/client.js';
import { recordAudit } from './audit.js';
import type { Database } from './client.js';
import { isUniqueViolation } from './errors.js';

export type GigFlag = Prisma.GigFlagGetPayload<object>;
export type GigStatus = 'pending' | 'confirmed' | 'rejected';

export interface NewGigFlag {
	guildId: string;
	event: string;
	venue: string;
	date: string;
	connection: string;
	link: string;
	details: string | undefined;
	linkKey: string;
	eventKey: string;
}

export type FlagOutcome =
	| { kind: 'created'; flag: GigFlag; reports: number }
	/** The gig was already flagged in this server: the member's report was added (or was already there). */
	| { kind: 'duplicate'; flag: GigFlag; reports: number; alreadyReported: boolean }
	/** The member reached the flood limit; nothing was recorded. `freeAt`: when the next flag is accepted. */
	| { kind: 'limited'; freeAt: Date };

const HOUR_MS = 60 * 60 * 1000;

function findSameGig(db: Database | Prisma.TransactionClient, gig: NewGigFlag) {
	return db.gigFlag.findFirst({
		where: {
			guildId: gig.guildId,
			OR: [{ linkKey: gig.linkKey }, { eventKey: gig.eventKey, date: gig.date }],
		},
		orderBy: { id: 'asc' },
	});
}

/**
 * Holds the lock that makes one member's count-and-record a single step, until the transaction ends.
 * SQLite: a write that changes nothing takes the database's write lock now (in this process the adapter already
 * runs transactions one at a time; across processes, a transaction that read first and wrote later would fail with
 * SQLITE_BUSY instead of waiting). PostgreSQL would take a per-member lock instead, the one dialect-specific line:
 * `SELECT pg_advisory_xact_lock(hashtextextended(${reporterKey}, 0))`.
 */
async function lockReporter(tx: Prisma.TransactionClient, _reporterKey: string): Promise<void> {
	await tx.$executeRaw`UPDATE GigReport SET reporterKey = reporterKey WHERE 0 = 1`;
}

/**
 * Records a flag, or a report on the same gig already flagged in this server, unless the member filed `limit`
 * flags and reports in the rolling hour (across servers). Counting and recording are one transaction under the
 * member's lock, so simultaneous flags of one member cannot all pass the count. The unique indexes decide races
 * between members: a concurrent insert of the same gig makes the loser retry, and its flag becomes a report.
 */
export async function flagGig(
	db: Database,
	gig: NewGigFlag,
	reporterKey: string,
	now: Date,
	limit: number,
): Promise<FlagOutcome> {
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			return await db.$transaction(async (tx): Promise<FlagOutcome> => {
				await lockReporter(tx, reporterKey);
				const recent = await tx.gigReport.findMany({
					where: { reporterKey, createdAt: { gt: new Date(now.getTime() - HOUR_MS) } },
					orderBy: { createdAt: 'asc' },
					select: { createdAt: true },
				});
				if (recent.length >= limit) {
					const oldest = recent[recent.length - limit]?.createdAt ?? now;
					return { kind: 'limited', freeAt: new Date(oldest.getTime() + HOUR_MS) };
				}
				const existing = await findSameGig(tx, gig);
				if (existing) {
					const key = { flagId_reporterKey: { flagId: existing.id, reporterKey } };
					const alreadyReported = (await tx.gigReport.findUnique({ where: key })) !== null;
					if (!alreadyReported)
						await tx.gigReport.create({ data: { flagId: existing.id, reporterKey, createdAt: now } });
					const reports = await tx.gigReport.count({ where: { flagId: existing.id } });
					return { kind: 'duplicate', flag: existing, reports, alreadyReported };
				}
				const flag = await tx.gigFlag.create({
					data: {
						...gig,
						details: gig.details ?? null,
						createdAt: now,
						reports: { create: { reporterKey, createdAt: now } },
					},
				});
				return { kind: 'created', flag, reports: 1 };
			});
		} catch (error) {
			if (!isUniqueViolation(error)) throw error;
		}
	}
	throw new Error('gig flag kept colliding with concurrent inserts');
}

export function countReports(db: Database, flagId: number) {
	return db.gigReport.count({ where: { flagId } });
}

export function getFlag(db: Database, guildId: string, id: number) {
	return db.gigFlag.findFirst({ where: { id, guildId }, include: { _count: { select: { reports: true } } } });
}

export function setQueueMessage(db: Database, id: number, channelId: string, messageId: string) {
	return db.gigFlag.update({ where: { id }, data: { queueChannelId: channelId, queueMessageId: messageId } });
}

export interface Review {
	guildId: string;
	flagId: number;
	outcome: 'confirmed' | 'rejected';
	moderatorId: string;
	reason?: string;
	at: Date;
}

/**
 * Confirms or rejects a pending flag. The conditional update is the lock: of two moderators racing,
 * exactly one changes the row; the other gets `won: false` and the flag as the winner left it.
 */
export async function reviewFlag(db: Database, review: Review) {
	const won = await db.$transaction(async (tx) => {
		const { count } = await tx.gigFlag.updateMany({
			where: { id: review.flagId, guildId: review.guildId, status: 'pending' },
			data: {
				status: review.outcome,
				reviewedBy: review.moderatorId,
				reviewedAt: review.at,
				reason: review.reason ?? null,
			},
		});
		if (count === 1) {
			await recordAudit(tx, {
				guildId: review.guildId,
				actorId: review.moderatorId,
				action: `gig.${review.outcome === 'confirmed' ? 'confirm' : 'reject'}`,
				detail: { flagId: review.flagId, ...(review.reason ? { reason: review.reason } : {}) },
			});
		}
		return count === 1;
	});
	const flag = await getFlag(db, review.guildId, review.flagId);
	return { won, flag };
}

export interface Page<T> {
	items: T[];
	page: number;
	pageCount: number;
	count: number;
}

async function paged<T>(
	count: number,
	page: number,
	size: number,
	load: (skip: number) => Promise<T[]>,
): Promise<Page<T>> {
	const pageCount = Math.max(1, Math.ceil(count / size));
	const current = Math.min(Math.max(1, page), pageCount);
	return { items: await load((current - 1) * size), page: current, pageCount, count };
}

/** Pending flags of a server, oldest first. */
export async function pendingFlags(db: Database, guildId: string, page: number, size: number) {
	const where = { guildId, status: 'pending' };
	return paged(await db.gigFlag.count({ where }), page, size, (skip) =>
		db.gigFlag.findMany({
			where,
			orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
			skip,
			take: size,
			include: { _count: { select: { reports: true } } },
		}),
	);
}

/**
 * Confirmed gigs of a server from `today` (YYYY-MM-DD, UTC) on, soonest first. Public and paged, so it is run
 * often: two raw statements on the (guildId, status, date) index. Prisma's count and findMany cost several
 * times as much, most of it in its query compiler.
 */
export async function confirmedUpcoming(
	db: Database,
	guildId: string,
	today: string,
	page: number,
	size: number,
): Promise<Page<GigFlag>> {
	const [row] = await db.$queryRaw<{ n: bigint | number }[]>`
		SELECT COUNT(*) AS n FROM GigFlag WHERE guildId = ${guildId} AND status = 'confirmed' AND date >= ${today}`;
	return paged(Number(row?.n ?? 0), page, size, async (skip) => {
		const rows = await db.$queryRaw<(Omit<GigFlag, 'id'> & { id: bigint | number })[]>`
			SELECT * FROM GigFlag WHERE guildId = ${guildId} AND status = 'confirmed' AND date >= ${today}
			ORDER BY date ASC, id ASC LIMIT ${size} OFFSET ${skip}`;
		return rows.map((r) => ({ ...r, id: Number(r.id) }));
	});
}
