// Read-only looks at a database's migration history outside the schema engine, which fails on a database without
// `_prisma_migrations` instead of reporting it, and keeps a failed migration's error in `logs`.
import { postgresLabel, postgresPool } from './postgresPool.js';

/** A row of `_prisma_migrations` that was not rolled back. */
export interface AppliedMigration {
	name: string;
	checksum: string;
	finished: boolean;
}

/** The rows the up-to-date check reads: not rolled back (a rolled-back migration may have been applied again). */
export const APPLIED_MIGRATIONS_SQL = `SELECT migration_name AS name, checksum, finished_at IS NOT NULL AS finished
	FROM _prisma_migrations WHERE rolled_back_at IS NULL`;

/**
 * Whether the database already has exactly the folder's migrations, each finished and with its file's checksum
 * (sha256 of migration.sql, as Prisma records it). Then there is nothing to apply nor to refuse, and start-up skips
 * the schema engine (its wasm compile is most of a restart's migration time); anything else (pending, failed,
 * edited or missing migrations) goes to the engine, which applies or refuses as `prisma migrate deploy` does.
 */
export function isUpToDate(applied: readonly AppliedMigration[], folder: ReadonlyMap<string, string>): boolean {
	if (applied.length !== folder.size) return false;
	const seen = new Set<string>();
	for (const row of applied) {
		if (!row.finished || seen.has(row.name) || folder.get(row.name) !== row.checksum) return false;
		seen.add(row.name);
	}
	return true;
}

export interface FailedMigration {
	name: string;
	error?: string;
}

/** The error of a failed migration from its `logs`: the error, without the engine's backtrace ("   0: sql_…"). */
export function migrationLogError(logs: string | null): string {
	return logs ? (logs.split(/\n\s*0: /)[0] ?? logs).replace(/\s*\n\s*/g, ' ').trim() : '';
}

/** The migration history of a PostgreSQL database, read-only, over a pool of its own (close() it). */
export function postgresHistory(url: string) {
	const db = postgresPool(url);
	return {
		label: postgresLabel(url),
		async hasMigrationsTable(): Promise<boolean> {
			const { rows } = await db.query<{ t: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS t`);
			return rows[0]?.t != null;
		},
		async failedMigration(name?: string): Promise<FailedMigration | undefined> {
			try {
				const { rows } = await db.query<{ name: string; logs: string | null }>(
					`SELECT migration_name AS name, logs FROM _prisma_migrations WHERE finished_at IS NULL
					 AND rolled_back_at IS NULL AND ($1::text IS NULL OR migration_name = $1) ORDER BY started_at DESC LIMIT 1`,
					[name ?? null],
				);
				const row = rows[0];
				if (!row) return undefined;
				const error = migrationLogError(row.logs);
				return error ? { name: row.name, error } : { name: row.name };
			} catch {
				return undefined;
			}
		},
		async appliedMigrations(): Promise<AppliedMigration[]> {
			const { rows } = await db.query<AppliedMigration>(APPLIED_MIGRATIONS_SQL);
			return rows.map((row) => ({ name: row.name, checksum: row.checksum, finished: Boolean(row.finished) }));
		},
		close: () => db.close(),
	};
}
