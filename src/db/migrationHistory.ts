// Read-only looks at a database's migration history outside the schema engine, which fails on a database without
// `_prisma_migrations` instead of reporting it, and keeps a failed migration's error in `logs`.
import { postgresLabel, postgresPool } from './postgresPool.js';

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
		close: () => db.close(),
	};
}
