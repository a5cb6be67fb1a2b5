// Dispatches a burst of interactions at once through the double's gateway and collects what came back.
import type { CommandOpts, DiscordDouble, ReplyView, SentInteraction } from '../../test/double/index.js';
import { cpuSeconds, sampleRss, statusMb } from './proc.js';

export interface CommandSpec {
	/** Label for per-kind figures: 'sign', 'status', … */
	kind: string;
	opts: CommandOpts;
	/** Why the answer is wrong, or undefined when it is the expected one. */
	check: (reply: Answer) => string | undefined;
}

/** What the member got: the callback, with edits of @original merged over it for deferred replies. */
export interface Answer {
	/** Callback type: 4 message, 5 deferred. */
	type: number;
	data: ReplyView['data'];
	ephemeral: boolean;
}

export interface BurstResult {
	/** ms from dispatch to the accepted initial callback; Infinity when none was accepted (later than 3 s). */
	latencies: number[];
	/** ms from dispatch until the member sees the reply (differs from `latencies` only for defer + edit). */
	seenLatencies: number[];
	byKind: Map<string, number[]>;
	/** Answers that came in time but were not the expected reply (an error message, a wrong title). */
	wrong: { kind: string; reason: string }[];
	/** ms between the first and the last dispatch (the double builds and sends them in one loop). */
	dispatchSpreadMs: number;
	/** Answered interactions per second, first dispatch to last answer. */
	throughput: number;
	/** User + system CPU seconds the child used from the first dispatch to the last answer. */
	cpuSeconds: number;
	/** VmHWM after the burst: the child's peak resident memory so far, MB. */
	peakRssMb: number;
	/** The highest VmRSS seen by sampling every 25 ms during the burst, MB. */
	sampledPeakRssMb: number;
}

/** Waits this long for each answer; the double refuses callbacks after 3 s, so this only bounds the run. */
const ANSWER_WAIT_MS = 8000;

export async function runBurst(
	double: DiscordDouble,
	pid: number,
	specs: readonly CommandSpec[],
): Promise<BurstResult> {
	const rss = sampleRss(pid);
	const cpuBefore = cpuSeconds(pid);
	const sent: SentInteraction[] = [];
	for (const spec of specs) sent.push(double.sendCommand(spec.opts));
	const outcomes = await Promise.all(sent.map((interaction) => outcomeOf(double, interaction)));
	const cpuAfter = cpuSeconds(pid);
	const sampledPeak = rss.stop();

	const latencies: number[] = [];
	const seenLatencies: number[] = [];
	const byKind = new Map<string, number[]>();
	const wrong: { kind: string; reason: string }[] = [];
	let lastAnswer = Number.NEGATIVE_INFINITY;
	outcomes.forEach((outcome, i) => {
		const spec = specs[i] as CommandSpec;
		const interaction = sent[i] as SentInteraction;
		const latency = outcome ? outcome.callbackMs : Number.POSITIVE_INFINITY;
		if (outcome) {
			lastAnswer = Math.max(lastAnswer, interaction.at + outcome.callbackMs);
			const reason = outcome.answer ? spec.check(outcome.answer) : 'deferred, never edited';
			if (reason) wrong.push({ kind: spec.kind, reason });
		}
		latencies.push(latency);
		seenLatencies.push(outcome?.seenMs ?? Number.POSITIVE_INFINITY);
		const list = byKind.get(spec.kind) ?? [];
		list.push(latency);
		byKind.set(spec.kind, list);
	});
	const first = sent[0]?.at ?? 0;
	const last = sent.at(-1)?.at ?? 0;
	const answered = outcomes.filter(Boolean).length;
	return {
		latencies,
		seenLatencies,
		byKind,
		wrong,
		dispatchSpreadMs: last - first,
		throughput: answered > 0 ? answered / ((lastAnswer - first) / 1000) : 0,
		cpuSeconds: cpuAfter - cpuBefore,
		peakRssMb: statusMb(pid, 'VmHWM'),
		sampledPeakRssMb: sampledPeak,
	};
}

async function outcomeOf(
	double: DiscordDouble,
	interaction: SentInteraction,
): Promise<{ callbackMs: number; seenMs: number; answer: Answer | undefined } | undefined> {
	const reply = await double.waitForReply(interaction, ANSWER_WAIT_MS).catch(() => undefined);
	if (reply) {
		return {
			callbackMs: reply.latency,
			seenMs: reply.replyLatency,
			answer: { type: reply.type, data: reply.data, ephemeral: reply.ephemeral },
		};
	}
	const callback = double.interactionLog(interaction).callback;
	if (!callback) return undefined;
	return { callbackMs: callback.at - interaction.at, seenMs: Number.POSITIVE_INFINITY, answer: undefined };
}

/** A check that accepts a reply (immediate, or deferred then edited) whose first embed has one of `titles`. */
export function expectTitle(titles: readonly string[], ephemeral: boolean): CommandSpec['check'] {
	return (answer) => {
		if (answer.type !== 4 && answer.type !== 5) return `callback type ${answer.type}`;
		if (answer.ephemeral !== ephemeral) return `ephemeral ${answer.ephemeral}`;
		const title = ((answer.data.embeds ?? []) as { title?: string }[])[0]?.title ?? '';
		if (!titles.includes(title)) return `title ${JSON.stringify(title || (answer.data.content ?? '').slice(0, 80))}`;
		return undefined;
	};
}

/** A check for a plain text reply. */
export function expectContent(content: string): CommandSpec['check'] {
	return (answer) => (answer.data.content === content ? undefined : `content ${JSON.stringify(answer.data.content)}`);
}
