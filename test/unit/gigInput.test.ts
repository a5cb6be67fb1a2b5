import { describe, expect, it } from 'vitest';
import { eventKey, gigFlagSchema, isCalendarDate, linkKey, utcDate } from '../../src/commands/gigInput.js';
import { catalogueFor } from '../../src/i18n/index.js';
import { isEvidenceUrl } from '../../src/text/links.js';

const t = catalogueFor('en-US');
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
		const parsed = gigFlagSchema(t, '2026-11-29').parse({ ...valid, event: ' Intersect\u200b  by AWS ' });
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
	])('refuses %o naming %s', (change, option) => {
		const result = gigFlagSchema(t, '2026-11-29').safeParse({ ...valid, ...change });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.path[0]).toBe(option);
	});

	it('accepts today (UTC) and refuses yesterday', () => {
		expect(gigFlagSchema(t, '2026-11-29').safeParse({ ...valid, date: '2026-11-29' }).success).toBe(true);
		expect(gigFlagSchema(t, '2026-11-29').safeParse({ ...valid, date: '2026-11-28' }).success).toBe(false);
	});
});
