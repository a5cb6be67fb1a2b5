// Seeds a migrated SQLite file directly with better-sqlite3 (times as integer ms, as Prisma stores them).
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { CONNECTION_KINDS } from '../../src/campaign.js';
import { pseudonym } from '../../src/db/pseudonym.js';
import { prng } from './stats.js';

const DAY_MS = 86_400_000;

export interface SignatureSeed {
	count: number;
	/** Servers the signatures come from, round-robin. */
	guildIds: readonly string[];
	/** Discord user ids whose rows are keyed by their real pseudonym (so status and re-signing find them). */
	knownUserIds: readonly string[];
	signerKey: string;
	now: Date;
}

/** Signatures spread over the last 180 days; one in five public with an artist name, one in two with a city. */
export function seedSignatures(databasePath: string, seed: SignatureSeed): void {
	const db = new Database(databasePath);
	try {
		const insert = db.prepare(
			'INSERT INTO Signature (signerKey, guildId, artistName, city, public, signedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)',
		);
		const random = prng(1);
		const span = 180 * DAY_MS;
		const start = seed.now.getTime() - span;
		db.transaction(() => {
			for (let i = 0; i < seed.count; i++) {
				const known = seed.knownUserIds[i];
				const key =
					known === undefined
						? createHash('sha256').update(`bench-signer-${i}`).digest('hex')
						: pseudonym(seed.signerKey, known);
				const isPublic = random() < 0.2;
				const at = Math.floor(start + (span * i) / seed.count);
				insert.run(
					key,
					seed.guildIds[i % seed.guildIds.length] ?? '0',
					isPublic ? `Bench Artist ${i}` : null,
					random() < 0.5 ? `City ${i % 500}` : null,
					isPublic ? 1 : 0,
					at,
					at,
				);
			}
		})();
	} finally {
		db.close();
	}
}

export interface GigSeed {
	count: number;
	guildIds: readonly string[];
	now: Date;
}

/** Gig flags: 60 % confirmed, 30 % pending, 10 % rejected; dates from 30 days ago to a year ahead. */
export function seedGigs(databasePath: string, seed: GigSeed): void {
	const db = new Database(databasePath);
	try {
		const insert = db.prepare(
			`INSERT INTO GigFlag (guildId, event, venue, date, connection, link, linkKey, eventKey, details, status,
				reviewedBy, reviewedAt, reason, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		);
		const random = prng(2);
		const today = Date.UTC(seed.now.getUTCFullYear(), seed.now.getUTCMonth(), seed.now.getUTCDate());
		db.transaction(() => {
			for (let i = 0; i < seed.count; i++) {
				const roll = random();
				const status = roll < 0.6 ? 'confirmed' : roll < 0.9 ? 'pending' : 'rejected';
				const date = new Date(today + (Math.floor(random() * 395) - 30) * DAY_MS).toISOString().slice(0, 10);
				const link = `https://example.org/gigs/${i}`;
				const reviewed = status !== 'pending';
				insert.run(
					seed.guildIds[i % seed.guildIds.length] ?? '0',
					`Bench Festival ${i}`,
					`Venue ${i % 300}`,
					date,
					CONNECTION_KINDS[i % CONNECTION_KINDS.length],
					link,
					link,
					`bench festival ${i}`,
					random() < 0.3 ? 'Sponsored stage, see the programme.' : null,
					status,
					reviewed ? '200000000000000001' : null,
					reviewed ? seed.now.getTime() - DAY_MS : null,
					status === 'rejected' ? 'Not an Amazon connection.' : null,
					seed.now.getTime() - Math.floor(random() * 60) * DAY_MS,
				);
			}
		})();
	} finally {
		db.close();
	}
}

export interface AnnouncementSeed {
	targets: readonly { guildId: string; channelId: string }[];
	/** Thresholds recorded as already had by every server. */
	recorded: readonly number[];
	total: number;
	now: Date;
}

/** Servers with an announcement channel (default thresholds) and the milestones they have already had. */
export function seedAnnouncements(databasePath: string, seed: AnnouncementSeed): void {
	const db = new Database(databasePath);
	try {
		const settings = db.prepare(
			'INSERT INTO GuildSettings (guildId, announcementChannelId, updatedAt) VALUES (?, ?, ?)',
		);
		const had = db.prepare(
			'INSERT INTO MilestoneAnnouncement (guildId, threshold, posted, messageId, total, recordedAt) VALUES (?, ?, 0, NULL, ?, ?)',
		);
		const at = seed.now.getTime();
		db.transaction(() => {
			for (const target of seed.targets) {
				settings.run(target.guildId, target.channelId, at);
				for (const threshold of seed.recorded) had.run(target.guildId, threshold, seed.total, at);
			}
		})();
	} finally {
		db.close();
	}
}

/** Runs one statement on the file outside the bot's connection (so it is not counted as the bot's). */
export function execute(databasePath: string, sql: string, ...params: unknown[]): number {
	const db = new Database(databasePath);
	try {
		return db.prepare(sql).run(...params).changes;
	} finally {
		db.close();
	}
}
