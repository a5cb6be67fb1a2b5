// Job leases: one process at a time runs a job, whatever the number of processes or hosts sharing the database.
// A row per job (seeded by its migration); taking or renewing it is one conditional UPDATE, so two processes
// racing for it cannot both win, on a connection pool too (unlike session-level advisory locks).

import type { Database } from './client.js';

/**
 * Takes or renews `name` for `holder` until `now + ttlMs`, if `holder` has it already or it has expired.
 * True when `holder` now holds it. Dialect-sensitive (table quoting, the epoch-ms time column): PostgreSQL gets its
 * own version of this one statement.
 */
export async function takeLease(
	db: Database,
	name: string,
	holder: string,
	now: Date,
	ttlMs: number,
): Promise<boolean> {
	const changed = await db.$executeRawUnsafe(
		`UPDATE JobLease SET holder = ?, expiresAt = ?
		 WHERE name = ? AND (holder = ? OR expiresAt <= ?)`,
		holder,
		now.getTime() + ttlMs,
		name,
		holder,
		now.getTime(),
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
