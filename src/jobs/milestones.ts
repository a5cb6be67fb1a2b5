import { createHash } from 'node:crypto';
import type { REST } from '@discordjs/rest';
import { DiscordAPIError, EmbedBuilder } from 'discord.js';
import cron, { type ScheduledTask } from 'node-cron';
import { CAMPAIGN_COLOUR, HASHTAG } from '../campaign.js';
import type { SignatureChartInput } from '../charts/signatures.js';
import type { Database } from '../db/client.js';
import {
	type AnnouncementTarget,
	announcementTargets,
	type MilestoneRecord,
	markChannelsBroken,
	recordMilestones,
} from '../db/milestones.js';
import { signatureSeries } from '../db/signatureSeries.js';
import { totalSignatures } from '../db/signatures.js';
import { postToChannel } from '../discord/messages.js';
import { type Catalogue, catalogueFor } from '../i18n/index.js';
import type { Logger } from '../log.js';

/** The chart stack (@napi-rs/canvas, chart.js: ~25 MB resident, ~100 ms to load) is loaded on the first post, not at start. */
const renderSignatureChart = async (input: SignatureChartInput): Promise<Buffer> =>
	(await import('../charts/signatures.js')).renderSignatureChart(input);

export interface MilestoneDeps {
	db: Database;
	rest: REST;
	log: Logger;
	now?: () => Date;
	/** Announcements are written in the campaign's language (servers have no locale setting yet). */
	t?: Catalogue;
}

export interface TickReport {
	total: number;
	posted: { guildId: string; threshold: number; messageId: string }[];
	/** Servers whose channel is gone or forbidden: marked, skipped from now on. */
	broken: { guildId: string; channelId: string; problem: string }[];
	/** Posts that failed for a passing reason (5xx, network): retried on the next tick, same nonce. */
	retry: { guildId: string; threshold: number }[];
}

/**
 * Discord errors that will not go away by retrying: the channel is gone or the bot may not post there. The
 * key is stored and logged; `/setup show` words it in the admin's language (`setup.channelProblems`).
 */
const CHANNEL_PROBLEMS: Record<number, string> = {
	10003: 'unknownChannel',
	50001: 'missingAccess',
	50013: 'missingPermissions',
};

const PICTURE = 'milestone.png';

/** The highest threshold reached and not yet had; and every threshold reached and not yet had (all recorded). */
export function dueMilestone(target: AnnouncementTarget, total: number): { highest: number; due: number[] } | null {
	const due = target.thresholds.filter((n) => n <= total && !target.recorded.has(n));
	const highest = due.at(-1);
	return highest === undefined ? null : { highest, due };
}

/**
 * Discord's nonce for a milestone post, the same on every attempt for a server and threshold: with
 * enforce_nonce, a retry after a crash between posting and recording returns the first message.
 */
export function milestoneNonce(guildId: string, threshold: number): string {
	return createHash('sha256').update(`milestone:${guildId}:${threshold}`).digest('base64url').slice(0, 25);
}

/** A text bar of progress from `from` to `to` (the share is shown beside it, in the post's language). */
export function progressBar(total: number, from: number, to: number, width = 20): string {
	const share = to > from ? Math.min(1, Math.max(0, (total - from) / (to - from))) : 1;
	const filled = Math.round(share * width);
	return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

function milestoneEmbed(t: Catalogue, total: number, threshold: number, next: number | undefined) {
	const embed = new EmbedBuilder()
		.setColor(CAMPAIGN_COLOUR)
		.setTitle(t.milestone.title(threshold))
		.setDescription(`${t.milestone.body(total)}\n\n${t.milestone.howToSign}`)
		.setImage(`attachment://${PICTURE}`)
		.setFooter({ text: HASHTAG });
	// Progress counts from zero, not from the threshold just reached: a celebration never reads "0 %".
	embed.addFields(
		...(next === undefined
			? [{ name: t.milestone.next, value: t.milestone.allReached }]
			: [
					{ name: t.milestone.next, value: t.milestone.nextValue(next, total), inline: true },
					{
						name: t.milestone.progress,
						value: `\`${progressBar(total, 0, next)}\` ${t.milestone.progressValue(total, next)}`,
						inline: false,
					},
				]),
	);
	return embed.toJSON();
}

/**
 * One run of the milestone job: posts, for each server with a working announcement channel, the highest
 * threshold reached and not yet had, once ever; records every threshold reached. A fixed number of
 * statements per tick: total, targets, (history), one batched record, (one batched mark).
 */
export async function runMilestoneTick(deps: MilestoneDeps): Promise<TickReport> {
	const { db, rest, log } = deps;
	const t = deps.t ?? catalogueFor('en');
	const now = deps.now?.() ?? new Date();
	const total = await totalSignatures(db);
	const report: TickReport = { total, posted: [], broken: [], retry: [] };
	const work = (await announcementTargets(db))
		.map((target) => ({ target, due: dueMilestone(target, total) }))
		.filter((w): w is { target: AnnouncementTarget; due: NonNullable<typeof w.due> } => w.due !== null);
	if (work.length === 0) return report;

	const history = await signatureSeries(db, now);
	// One render per distinct (threshold, list) this tick: the chart draws the server's own thresholds.
	const pictures = new Map<string, Promise<Buffer>>();
	const picture = (target: AnnouncementTarget, threshold: number) => {
		const key = `${threshold}:${target.thresholds.join(',')}`;
		let png = pictures.get(key);
		if (!png) {
			png = renderSignatureChart({
				points: history.points,
				now,
				thresholds: target.thresholds,
				reached: threshold,
				// Posts are written in English (t) until servers choose a language.
				language: 'en',
				labels: {
					title: t.milestone.chartTitle(total),
					yAxis: t.milestone.chartYAxis,
					threshold: t.milestone.chartThreshold,
				},
			});
			pictures.set(key, png);
		}
		return png;
	};

	const records: MilestoneRecord[] = [];
	// discord.js queues the posts per channel bucket and under the global limit: no 429 storm.
	await Promise.all(
		work.map(async ({ target, due }) => {
			const next = target.thresholds.find((n) => n > total);
			try {
				const message = await postToChannel(
					rest,
					target.channelId,
					{
						embeds: [milestoneEmbed(t, total, due.highest, next)],
						attachments: [{ id: 0, filename: PICTURE }],
						nonce: milestoneNonce(target.guildId, due.highest),
						enforce_nonce: true,
					},
					[{ name: PICTURE, data: await picture(target, due.highest), contentType: 'image/png' }],
				);
				for (const threshold of due.due) {
					const posted = threshold === due.highest;
					records.push({ guildId: target.guildId, threshold, posted, messageId: posted ? message.id : null, total });
				}
				report.posted.push({ guildId: target.guildId, threshold: due.highest, messageId: message.id });
			} catch (error) {
				const code = error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : undefined;
				const problem = code === undefined ? undefined : CHANNEL_PROBLEMS[code];
				if (problem) {
					report.broken.push({ guildId: target.guildId, channelId: target.channelId, problem });
					log.warn({ guildId: target.guildId, channelId: target.channelId, code }, 'announcement channel unusable');
				} else {
					report.retry.push({ guildId: target.guildId, threshold: due.highest });
					log.warn({ err: error, guildId: target.guildId }, 'milestone post failed; the next tick retries it');
				}
			}
		}),
	);
	await recordMilestones(db, records, now);
	await markChannelsBroken(db, report.broken);
	if (report.posted.length > 0) log.info({ total, posts: report.posted.length }, 'milestones posted');
	return report;
}

export interface ScheduledJob {
	/** Stops scheduling and waits for a tick in progress to finish. */
	stop(): Promise<void>;
}

/** Schedules the job; a tick never overlaps the previous one and never throws into node-cron. */
export function scheduleMilestones(expression: string, deps: MilestoneDeps): ScheduledJob {
	let running: Promise<unknown> = Promise.resolve();
	const task: ScheduledTask = cron.schedule(
		expression,
		async () => {
			running = runMilestoneTick(deps).catch((error: unknown) =>
				deps.log.error({ err: error }, 'milestone tick failed'),
			);
			await running;
		},
		{ name: 'milestones', noOverlap: true },
	);
	return {
		async stop() {
			await task.stop();
			await running;
		},
	};
}
