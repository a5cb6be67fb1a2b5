// Validation and normalisation of /gig flag options: pure, unit-tested.
import { z } from 'zod';
import { CONNECTION_KINDS } from '../campaign.js';
import type { Catalogue } from '../i18n/index.js';
import { cleanText, MENTION } from '../interactions/sanitize.js';
import { canonicalLink, isEvidenceUrl } from '../text/links.js';
import { LIMITS } from './definitions.js';

const MASS_MENTION = /@(everyone|here)\b/i;
const withoutMentions = (text: string) => !MENTION.test(text) && !MASS_MENTION.test(text);

/** `YYYY-MM-DD` of a moment, in UTC ("today" for the date rule). */
export function utcDate(moment: Date): string {
	return moment.toISOString().slice(0, 10);
}

/** A real calendar date written YYYY-MM-DD (rejects 2026-02-30, 2026-13-01). */
export function isCalendarDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return false;
	const [, y, m, d] = match.map(Number) as [number, number, number, number];
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1970;
}

/** Links compare after trimming, lower-casing the whole URL, dropping any #fragment and a trailing `/`. */
export function linkKey(link: string): string {
	return link.trim().toLowerCase().replace(/#.*$/, '').replace(/\/+$/, '');
}

/** Event names compare case-, accent- and space-insensitively: "Intersect  Fést" = "intersectfest". */
export function eventKey(event: string): string {
	return event.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, '');
}

/** The /gig flag options schema, with messages in the member's language; `today` is the UTC date. */
export function gigFlagSchema(t: Catalogue, today: string) {
	const text = (max: number) =>
		z
			.string()
			.transform(cleanText)
			.pipe(z.string().min(1, t.gig.expected.text).max(max).refine(withoutMentions, t.gig.expected.mention));
	return z.object({
		event: text(LIMITS.event),
		venue: text(LIMITS.venue),
		date: z
			.string()
			.transform((v) => v.trim())
			.refine(isCalendarDate, t.gig.expected.date)
			.refine((v) => v >= today, t.gig.expected.datePast(today)),
		connection: z.enum(CONNECTION_KINDS, { error: t.gig.expected.connection }),
		link: z
			.string()
			.transform((v) => v.trim())
			.pipe(z.string().max(LIMITS.link).refine(isEvidenceUrl, t.gig.expected.link))
			// Stored as parsed (punycode host, percent-encoded path), so it is shown and compared as it really points.
			.transform((v) => canonicalLink(v) ?? v)
			.pipe(z.string().max(LIMITS.link)),
		details: z
			.string()
			.transform(cleanText)
			.pipe(z.string().max(LIMITS.details).refine(withoutMentions, t.gig.expected.mention))
			.transform((v) => (v === '' ? undefined : v))
			.optional(),
	});
}

export type GigFlagInput = z.output<ReturnType<typeof gigFlagSchema>>;
