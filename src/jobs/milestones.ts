import { createHash } from 'node:crypto';
import type { REST } from '@discordjs/rest';
import { DiscordAPIError, EmbedBuilder } from 'discord.js';
import cron, { type ScheduledTask } from 'node-cron';
import { CAMPAIGN_COLOUR, HASHTAG } from '../campaign.js';
import { renderCampaignChart } from '../charts/campaignChart.js';
import type { Database } from '../db/client.js';
import {
	type AnnouncementTarget,
	announcementTargets,
	claimMilestones,
	dropClaims,
	type MilestoneClaim,
	type MilestoneRecord,
	markChannelsBroken,
	milestoneInputs,
	openClaims,
	recordMilestones,
} from '../db/milestones.js';
import { signatureSeries } from '../db/signatureSeries.js';
import { postToChannel } from '../discord/messages.js';
import { type Catalogue, catalogueOf, serverLanguage } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { createLeader, type LeaseOptions } from './leader.js';
import { currentUserId, findOwnPost, pictureName } from './ownPost.js';

export interface MilestoneDeps {
	db: Database;
	rest: REST;
	log: Logger;
	now?: () => Date;
	/** The bot's user id (the author of its own posts); read from `GET /users/@me` when needed if not given. */
	botUserId?: string;
	/**
	 * False once this process has lost the job's lease (stalled past its expiry): no post is sent after that. Unset:
	 * always true (a direct call, tests).
	 */
	stillLeading?: () => boolean;
	/** Kept between the ticks of one process (scheduleMilestones): what the last tick with nothing to do saw. */
	quiet?: QuietMemo;
}

/**
 * A tick that found nothing due and no open claim leaves its inputs' version and the lowest threshold not yet had by
 * any server. Until a write to the servers' settings or milestones changes the version, the total alone decides,
 * and nothing can be due below that threshold: the next ticks stop after reading the counters (one row each).
 */
export interface QuietMemo {
	last?: { version: bigint; nextDue: number };
}

export interface TickReport {
	total: number;
	posted: { guildId: string; threshold: number; messageId: string }[];
	/** Servers whose channel is gone or forbidden: marked, skipped from now on. */
	broken: { guildId: string; channelId: string; problem: string }[];
	/** Posts that failed for a passing reason (5xx, network): retried on the next tick, same nonce. */
	retry: { guildId: string; threshold: number }[];
}

/** The lease row of the milestone job (seeded by its migration). */
export const MILESTONE_LEASE = 'milestones';

/**
 * Discord errors that will not go away by retrying: the channel is gone or the bot may not post there. The
 * key is stored and logged; `/setup show` words it in the admin's language (`setup.channelProblems`).
 */
const CHANNEL_PROBLEMS: Record<number, string> = {
	10003: 'unknownChannel',
	50001: 'missingAccess',
	50013: 'missingPermissions',
};

/** The highest threshold reached and not yet had; and every threshold reached and not yet had (all recorded). */
export function dueMilestone(target: AnnouncementTarget, total: number): { highest: number; due: number[] } | null {
	const due = target.thresholds.filter((n) => n <= total && !target.recorded.has(n));
	const highest = due.at(-1);
	return highest === undefined ? null : { highest, due };
}

/** The lowest threshold any server has not had (Infinity when none is left). */
export function nextDue(targets: readonly AnnouncementTarget[]): number {
	let lowest = Number.POSITIVE_INFINITY;
	for (const target of targets) {
		const next = target.thresholds.find((n) => !target.recorded.has(n));
		if (next !== undefined && next < lowest) lowest = next;
	}
	return lowest;
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
		.setImage(`attachment://${pictureName(threshold)}`)
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

interface Work {
	target: AnnouncementTarget;
	threshold: number;
	/** Every threshold reached and not yet had, `threshold` (the highest) included: recorded with the post. */
	due: number[];
	/** A claim left open by an earlier tick or process: the channel is read for the post before posting again. */
	open?: MilestoneClaim;
}

/**
 * One run of the milestone job: posts, for each server with a working announcement channel, the highest
 * threshold reached and not yet had, once ever; records every threshold reached. Each post is claimed in the
 * database before it is sent; a claim left open (crash, unknown outcome) is resolved first by looking for the bot's
 * own post in the channel. A fixed number of statements per tick: the counters, then (unless `quiet` says nothing
 * can be due) targets, open claims, (history), one batched claim, one batched record, (one batched mark). Run it
 * from one process at a time (`runLeasedTick`).
 */
export async function runMilestoneTick(deps: MilestoneDeps): Promise<TickReport> {
	const { db, rest, log } = deps;
	/** Posts are in the server's language: `/setup language`, else its Discord locale, else English. */
	const languageOf = (target: AnnouncementTarget) => serverLanguage(target.language, target.guildLocale);
	const now = deps.now?.() ?? new Date();
	// Read first: a write after this read changes the version the next tick sees.
	const { total, version } = await milestoneInputs(db);
	const report: TickReport = { total, posted: [], broken: [], retry: [] };
	const quiet = deps.quiet?.last;
	if (quiet && quiet.version === version && total < quiet.nextDue) return report;
	if (deps.quiet) delete deps.quiet.last;
	const targets = await announcementTargets(db);
	const open = new Map((await openClaims(db)).map((claim) => [claim.guildId, claim]));
	const work: Work[] = [];
	const fresh: Work[] = [];
	for (const target of targets) {
		const claim = open.get(target.guildId);
		// A server with an open claim settles it first; what it reached since is due on the next tick.
		if (claim) {
			const below = target.thresholds.filter((n) => n < claim.threshold && !target.recorded.has(n));
			work.push({ target, threshold: claim.threshold, due: [...below, claim.threshold], open: claim });
			continue;
		}
		const due = dueMilestone(target, total);
		if (due) fresh.push({ target, threshold: due.highest, due: due.due });
	}
	const claims = fresh.map(({ target, threshold }) => ({
		guildId: target.guildId,
		threshold,
		channelId: target.channelId,
		nonce: milestoneNonce(target.guildId, threshold),
		total,
	}));
	const won = new Set(
		(claims.length > 0 ? await claimMilestones(db, claims, now) : []).map((c) => `${c.guildId}:${c.threshold}`),
	);
	work.push(...fresh.filter((w) => won.has(`${w.target.guildId}:${w.threshold}`)));
	if (work.length === 0) {
		// Every reached threshold had everywhere (a claim lost to another process is not: it may yet be dropped).
		if (deps.quiet && open.size === 0 && fresh.length === 0) deps.quiet.last = { version, nextDue: nextDue(targets) };
		return report;
	}

	const history = await signatureSeries(db, now);
	// One render per distinct (threshold, list, language) this tick: the chart draws the server's own thresholds.
	const pictures = new Map<string, Promise<Buffer>>();
	const picture = (target: AnnouncementTarget, threshold: number) => {
		const language = languageOf(target);
		const key = `${threshold}:${target.thresholds.join(',')}:${language}`;
		let png = pictures.get(key);
		if (!png) {
			png = renderCampaignChart({
				points: history.points,
				now,
				thresholds: target.thresholds,
				reached: threshold,
				total,
				language,
				t: catalogueOf(language),
			});
			pictures.set(key, png);
		}
		return png;
	};
	let botUserId: Promise<string> | undefined;
	const me = () => {
		botUserId ??= deps.botUserId ? Promise.resolve(deps.botUserId) : currentUserId(rest);
		return botUserId;
	};

	const records: MilestoneRecord[] = [];
	const dropped: { guildId: string; threshold: number }[] = [];
	const record = (w: Work, messageId: string | null) => {
		for (const threshold of w.due) {
			const posted = messageId !== null && threshold === w.threshold;
			records.push({ guildId: w.target.guildId, threshold, posted, messageId: posted ? messageId : null, total });
		}
	};
	// discord.js queues the posts per channel bucket and under the global limit: no 429 storm.
	await Promise.all(
		work.map(async (w) => {
			const { target, threshold } = w;
			try {
				if (w.open) {
					const moved = w.open.channelId !== target.channelId;
					// A replaced channel that cannot be read any more only means the post cannot be linked.
					const found = await findOwnPost(rest, w.open.channelId, await me(), threshold).catch((error: unknown) => {
						if (moved) return undefined;
						throw error;
					});
					if (found || moved) {
						// Posted before the crash; or claimed for a channel replaced since: thresholds reached before a
						// channel is set are recorded without a post.
						record(w, found?.id ?? null);
						if (found) report.posted.push({ guildId: target.guildId, threshold, messageId: found.id });
						log.info({ guildId: target.guildId, threshold, found: found !== undefined }, 'milestone claim settled');
						return;
					}
				}
				if (deps.stillLeading?.() === false) {
					report.retry.push({ guildId: target.guildId, threshold });
					return;
				}
				const next = target.thresholds.find((n) => n > total);
				const message = await postToChannel(
					rest,
					target.channelId,
					{
						embeds: [milestoneEmbed(catalogueOf(languageOf(target)), total, threshold, next)],
						attachments: [{ id: 0, filename: pictureName(threshold) }],
						nonce: milestoneNonce(target.guildId, threshold),
						enforce_nonce: true,
					},
					[{ name: pictureName(threshold), data: await picture(target, threshold), contentType: 'image/png' }],
				);
				record(w, message.id);
				report.posted.push({ guildId: target.guildId, threshold, messageId: message.id });
			} catch (error) {
				const code = error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : undefined;
				const problem = code === undefined ? undefined : CHANNEL_PROBLEMS[code];
				if (problem) {
					// Discord refused the post: no message, and none is due in this channel. The claim goes; setting a
					// channel again records what was reached by then without a post.
					dropped.push({ guildId: target.guildId, threshold });
					report.broken.push({ guildId: target.guildId, channelId: target.channelId, problem });
					log.warn({ guildId: target.guildId, channelId: target.channelId, code }, 'announcement channel unusable');
				} else {
					// The claim stays open: the next tick looks for the post before trying again.
					report.retry.push({ guildId: target.guildId, threshold });
					log.warn({ err: error, guildId: target.guildId }, 'milestone post failed; the next tick retries it');
				}
			}
		}),
	);
	await recordMilestones(db, records, now);
	await markChannelsBroken(db, report.broken);
	await dropClaims(db, dropped);
	if (report.posted.length > 0) log.info({ total, posts: report.posted.length }, 'milestones posted');
	return report;
}

export interface ScheduledJob {
	/** Stops scheduling, waits for a tick in progress to finish, and gives the lease up. */
	stop(): Promise<void>;
}

/**
 * Schedules the job in every process; each tick runs only in the process holding the lease (taken or renewed at
 * the tick's start, kept alive while the tick runs). A tick never overlaps the previous one and never throws into
 * node-cron.
 */
export function scheduleMilestones(expression: string, deps: MilestoneDeps, lease: LeaseOptions = {}): ScheduledJob {
	const leader = createLeader(deps.db, MILESTONE_LEASE, deps.log, lease);
	const quiet: QuietMemo = {};
	let running: Promise<unknown> = Promise.resolve();
	const task: ScheduledTask = cron.schedule(
		expression,
		async () => {
			running = leader
				.whileLeading((stillLeading) => runMilestoneTick({ ...deps, stillLeading, quiet }))
				.catch((error: unknown) => deps.log.error({ err: error }, 'milestone tick failed'));
			await running;
		},
		{ name: 'milestones', noOverlap: true },
	);
	return {
		async stop() {
			await task.stop();
			await running;
			await leader.release().catch((error: unknown) => deps.log.warn({ err: error }, 'lease release failed'));
		},
	};
}
