import type { Database } from './client.js';

/**
 * Claims the one welcome post of a server: true for the first caller ever (the row records when), false after. One
 * conditional update decides, so two processes, or a rejoin, never post it twice.
 */
export async function claimWelcome(db: Database, guildId: string, now: Date): Promise<boolean> {
	await db.guildSettings.upsert({ where: { guildId }, create: { guildId }, update: {} });
	const { count } = await db.guildSettings.updateMany({
		where: { guildId, welcomedAt: null },
		data: { welcomedAt: now },
	});
	return count === 1;
}

/**
 * Gives back a claim whose welcome was surely not posted, so that the server's next join tries again. Only this
 * claim (`claimedAt`): one taken since by another process stays.
 */
export async function releaseWelcome(db: Database, guildId: string, claimedAt: Date): Promise<void> {
	await db.guildSettings.updateMany({ where: { guildId, welcomedAt: claimedAt }, data: { welcomedAt: null } });
}
