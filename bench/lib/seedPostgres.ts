// Seeds and inspects a migrated PostgreSQL database directly with pg, in the column formats Prisma writes there
// (timestamp(3) without time zone holding UTC, real booleans). One statement per table: arrays through unnest.
import { createHash } from 'node:crypto';
import pg from 'pg';

const DAY_MS = 86_400_000;

/** A timestamp(3) value as Prisma stores a Date: UTC, no zone. */
const utc = (ms: number) => new Date(ms).toISOString().replace('Z', '');

/** Runs `work` with one connection to `url`, closed afterwards. */
export async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** A new empty database on the cluster; returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
	await withPostgres(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

export interface PostgresSeed {
	signatures: number;
	/** Servers the signatures come from, round-robin. */
	signatureGuildIds: readonly string[];
	/** Servers with an announcement channel (default thresholds) that have already had every `recorded` threshold. */
	targets: readonly { guildId: string; channelId: string }[];
	recorded: readonly number[];
	now: Date;
}

/**
 * Signatures spread over the last 180 days (pseudonymous keys, no details: the tick reads none), then the servers'
 * settings and the milestones they have already had.
 */
export async function seedPostgres(url: string, seed: PostgresSeed): Promise<void> {
	await withPostgres(url, async (client) => {
		const keys: string[] = [];
		const guilds: string[] = [];
		const times: string[] = [];
		const start = seed.now.getTime() - 180 * DAY_MS;
		for (let i = 0; i < seed.signatures; i++) {
			keys.push(createHash('sha256').update(`bench-signer-${i}`).digest('hex'));
			guilds.push(seed.signatureGuildIds[i % seed.signatureGuildIds.length] ?? '0');
			times.push(utc(Math.floor(start + (180 * DAY_MS * i) / seed.signatures)));
		}
		await client.query('BEGIN');
		await client.query(
			`INSERT INTO "Signature" ("signerKey", "guildId", "public", "signedAt", "updatedAt")
			 SELECT k, g, FALSE, t, t FROM unnest($1::text[], $2::text[], $3::timestamp(3)[]) AS s(k, g, t)`,
			[keys, guilds, times],
		);
		const at = utc(seed.now.getTime());
		await client.query(
			`INSERT INTO "GuildSettings" ("guildId", "announcementChannelId", "updatedAt")
			 SELECT g, c, $3::timestamp(3) FROM unnest($1::text[], $2::text[]) AS s(g, c)`,
			[seed.targets.map((t) => t.guildId), seed.targets.map((t) => t.channelId), at],
		);
		await client.query(
			`INSERT INTO "MilestoneAnnouncement" ("guildId", "threshold", "posted", "messageId", "total", "recordedAt")
			 SELECT g, n, FALSE, NULL, $3, $4::timestamp(3) FROM unnest($1::text[]) AS s(g) CROSS JOIN unnest($2::int[]) AS r(n)`,
			[seed.targets.map((t) => t.guildId), seed.recorded, seed.signatures, at],
		);
		await client.query('COMMIT');
		// Fresh statistics, as autovacuum would have them on a database that grew to this size.
		await client.query('ANALYZE');
	});
}

/** Signatures in the database (the shared total). */
export async function countSignatures(url: string): Promise<number> {
	return withPostgres(url, async (client) => {
		const { rows } = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM "Signature"');
		return Number(rows[0]?.n ?? Number.NaN);
	});
}
