import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../src/commands/declaration/parse.js';
import { gigSpec } from '../../src/commands/gig/definition.js';
import { eventKey, isCalendarDate, isEvidenceUrl, linkKey, utcDate } from '../../src/commands/gig/input.js';
import { UserError } from '../../src/discord/userError.js';
import { catalogueFor } from '../../src/i18n/index.js';
import { sent } from '../support/options.js';

const t = catalogueFor('en-US');
/** /gig flag's options parsed as the router parses them, "today" being 2026-11-29 (UTC). */
const parseFlag = (values: Record<string, unknown>) =>
	parseOptions(gigSpec, 'flag', gigSpec.subcommands.flag.options, sent(values), t, new Date('2026-11-29T12:00:00Z'));
const valid = {
	event: 'Intersect',
	venue: 'Las Vegas Festival Grounds',
	date: '2027-12-06',
	connection: 'aws',
	link: 'https://example.com/lineup',
};

describe('gig flag input', () => {
	it('takes the UTC date as today', () => {
		expect(utcDate(new Date('2026-11-29T23:59:59-05:00'))).toBe('2026-11-30');
	});

	it.each([
		['2026-02-28', true],
		['2028-02-29', true],
		['2026-02-29', false],
		['2026-02-30', false],
		['2026-13-01', false],
		['2026-1-01', false],
		['26-01-01', false],
		['2026/01/01', false],
	])('calendar date %s → %s', (text, ok) => {
		expect(isCalendarDate(text)).toBe(ok);
	});

	it.each([
		['https://example.com', true],
		['http://sub.example.org/path?q=1#x', true],
		['javascript:alert(1)', false],
		['data:text/html,hi', false],
		['ftp://example.com/file', false],
		['https://user:pass@example.com', false],
		['https://localhost/x', false],
		['lineup', false],
		['https://exa mple.com', false],
		['https://', false],
	])('evidence link %s → %s', (text, ok) => {
		expect(isEvidenceUrl(text)).toBe(ok);
	});

	it('compares links after trimming, lower-casing, and dropping fragment and trailing slash', () => {
		expect(linkKey('  HTTPS://Example.com/Lineup/#day-2 ')).toBe(linkKey('https://example.com/lineup'));
	});

	it('compares event names case-, accent- and space-insensitively', () => {
		expect(eventKey('  Intersect   Fést ')).toBe(eventKey('INTERSECT fest'));
		expect(eventKey('Intersect')).not.toBe(eventKey('Intersect 2'));
	});

	it('accepts a valid flag and cleans its text', () => {
		const parsed = parseFlag({ ...valid, event: ' Intersect\u200b  by AWS ' });
		expect(parsed).toMatchObject({ event: 'Intersect by AWS', connection: 'aws' });
		expect(parsed.details).toBeUndefined();
	});

	it.each([
		[{ date: '2026-11-28' }, 'date'],
		[{ date: '2026-02-30' }, 'date'],
		[{ link: 'javascript:alert(1)' }, 'link'],
		[{ connection: 'google' }, 'connection'],
		[{ event: '   ' }, 'event'],
		[{ event: 'x'.repeat(201) }, 'event'],
		[{ venue: 'Stage of <@123456789012345678>' }, 'venue'],
		[{ details: 'ask <@&123456789012345678>' }, 'details'],
		[{ details: '@everyone look' }, 'details'],
		[{ event: 42 }, 'event'],
		[{ event: undefined }, 'event'],
	])('refuses %o naming %s', (change, option) => {
		const values = Object.fromEntries(Object.entries({ ...valid, ...change }).filter(([, v]) => v !== undefined));
		expect(() => parseFlag(values)).toThrow(UserError);
		expect(() => parseFlag(values)).toThrow(`\`${option}\``);
	});

	it('accepts today (UTC) and refuses yesterday', () => {
		expect(parseFlag({ ...valid, date: '2026-11-29' }).date).toBe('2026-11-29');
		expect(() => parseFlag({ ...valid, date: '2026-11-28' })).toThrow('today or later');
	});
});
