// Job leases: one process at a time runs a job, whatever the number of processes or hosts sharing the database.
// A row per job (seeded by its migration); taking or renewing it is one conditional UPDATE, so two processes
// racing for it cannot both win, on a connection pool too (unlike session-level advisory locks, which PostgreSQL
// loses silently when the pool recycles their connection).

import type { Database } from './client.js';
import { dialectOf, placeholders, timeValue } from './dialect.js';

/**
 * Takes or renews `name` for `holder` until `now + ttlMs`, if `holder` has it already or it has expired.
 * True when `holder` now holds it. The same statement on both dialects, with their placeholders and time values.
 */
export async function takeLease(
	db: Database,
	name: string,
	holder: string,
	now: Date,
	ttlMs: number,
): Promise<boolean> {
	const dialect = dialectOf(db);
	const [p1, p2, p3, p4, p5] = Array.from({ length: 5 }, placeholders(dialect));
	const changed = await db.$executeRawUnsafe(
		`UPDATE "JobLease" SET "holder" = ${p1}, "expiresAt" = ${p2}
		 WHERE "name" = ${p3} AND ("holder" = ${p4} OR "expiresAt" <= ${p5})`,
		holder,
		timeValue(dialect, now.getTime() + ttlMs),
		name,
		holder,
		timeValue(dialect, now),
	);
	return changed === 1;
}

/** Gives the lease up at once (graceful shutdown), so another process need not wait for it to expire. */
export async function releaseLease(db: Database, name: string, holder: string): Promise<void> {
	await db.jobLease.updateMany({ where: { name, holder }, data: { expiresAt: new Date(0) } });
}

/** Who holds `name` and until when (tests, diagnostics). */
export async function leaseOf(db: Database, name: string): Promise<{ holder: string; expiresAt: Date } | null> {
	return db.jobLease.findUnique({ where: { name }, select: { holder: true, expiresAt: true } });
}
