import { DEFAULT_THRESHOLDS } from '../campaign.js';
import type { Prisma } from '../generated/prisma/client.js';
import { recordAudit } from './audit.js';
import type { Database } from './client.js';
import { totalSignatures } from './signatures.js';

export type GuildSettings = Prisma.GuildSettingsGetPayload<object>;

export function getGuildSettings(db: Database, guildId: string) {
	return db.guildSettings.findUnique({ where: { guildId } });
}

/** A server's thresholds, ascending; the campaign defaults until it sets its own. */
export function thresholdsOf(settings: { milestoneThresholds: string | null } | null): number[] {
	if (!settings?.milestoneThresholds) return [...DEFAULT_THRESHOLDS];
	return settings.milestoneThresholds.split(',').map(Number);
}

type SettingsChange = Pick<
	Prisma.GuildSettingsUncheckedCreateInput,
	| 'announcementChannelId'
	| 'announcementChannelError'
	| 'moderationChannelId'
	| 'moderatorRoleId'
	| 'milestoneThresholds'
	| 'language'
	| 'alertChannelId'
	| 'guildLocale'
>;

/**
 * Applies a settings change and its audit entry in one transaction. With `silenceReached` (the announcement channel
 * or the thresholds changed), every threshold the campaign has already reached is recorded as announced without a
 * post, so setting a channel never floods it with a backlog; `silenced` says how many.
 */
export async function updateGuildSettings(
	db: Database,
	guildId: string,
	actorId: string,
	action: string,
	change: SettingsChange,
	silenceReached = false,
): Promise<{ settings: GuildSettings; silenced: number }> {
	const total = silenceReached ? await totalSignatures(db) : 0;
	return db.$transaction(async (tx) => {
		const settings = await tx.guildSettings.upsert({
			where: { guildId },
			create: { guildId, ...change },
			update: change,
		});
		await recordAudit(tx, { guildId, actorId, action, detail: { ...change } });
		const reached = silenceReached ? thresholdsOf(settings).filter((t) => t <= total) : [];
		for (const threshold of reached) {
			await tx.milestoneAnnouncement.upsert({
				where: { guildId_threshold: { guildId, threshold } },
				create: { guildId, threshold, posted: false, total },
				update: {},
			});
		}
		return { settings, silenced: reached.length };
	});
}
