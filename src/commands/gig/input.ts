// Rules and normalisation of gig flags (the /gig flag options and the message menu's modal): pure, unit-tested.
import type { Catalogue } from '../../i18n/index.js';
import { isEvidenceUrl } from '../../text/links.js';
import { MENTION } from '../../text/sanitize.js';
import type { Check } from '../declaration/spec.js';

export { isEvidenceUrl };

const MASS_MENTION = /@(everyone|here)\b/i;

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

/** Flags are about events and companies, never about people. */
export const noMentions: Check<string> = (text, t: Catalogue) =>
	MENTION.test(text) || MASS_MENTION.test(text) ? t.gig.expected.mention : undefined;

export const calendarDate: Check<string> = (text, t) => (isCalendarDate(text) ? undefined : t.gig.expected.date);

/** "Today" is the UTC date. */
export const todayOrLater: Check<string> = (text, t, now) =>
	text >= utcDate(now) ? undefined : t.gig.expected.datePast(utcDate(now));

export const evidenceUrl: Check<string> = (text, t) => (isEvidenceUrl(text) ? undefined : t.gig.expected.link);
