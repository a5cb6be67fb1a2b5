// Short-lived connections to PostgreSQL outside Prisma, for the start-up path (key check, migration history, data
// steps), and how messages name the database.
import type { Pool, PoolClient } from 'pg';

/** How messages name a PostgreSQL database: user, host, port and name, never the password. */
export function postgresLabel(url: string): string {
	try {
		const u = new URL(url);
		return `PostgreSQL ${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
	} catch {
		return 'PostgreSQL (DATABASE_URL)';
	}
}

/** One short-lived pool; `pg` is loaded on first use so that a SQLite start never loads it. */
export function postgresPool(url: string): {
	query: Pool['query'];
	connect(): Promise<PoolClient>;
	close(): Promise<void>;
} {
	let pool: Promise<Pool> | undefined;
	const open = () => {
		pool ??= import('pg').then(({ default: pg }) => new pg.Pool({ connectionString: url, max: 1 }));
		return pool;
	};
	return {
		query: (async (...args: Parameters<Pool['query']>) => (await open()).query(...args)) as Pool['query'],
		connect: async () => (await open()).connect(),
		close: async () => {
			if (pool) await (await pool).end();
		},
	};
}
