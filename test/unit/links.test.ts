import { describe, expect, it } from 'vitest';
import { gigFlagSchema } from '../../src/commands/gigInput.js';
import { catalogueFor } from '../../src/i18n/index.js';
import { canonicalLink, linkWithHost, maskedLinkWithHost } from '../../src/text/links.js';

const t = catalogueFor('en-US');

describe('canonical links (text/links)', () => {
	it.each([
		['https://аmazon.com', 'https://xn--mazon-3ve.com/'],
		['HTTPS://Example.COM/Line Up', undefined],
		['https://Example.COM/Line%20Up', 'https://example.com/Line%20Up'],
		['https://x.example/<@123456789012345678>', 'https://x.example/%3C@123456789012345678%3E'],
		['https://x.example/a"b`c{d}', 'https://x.example/a%22b%60c%7Bd%7D'],
		['https://x.example/?q=<t:0:R>', 'https://x.example/?q=%3Ct:0:R%3E'],
		['https://x.example:443/path', 'https://x.example/path'],
		['javascript:alert(1)', undefined],
	])('%s → %s', (text, canonical) => {
		expect(canonicalLink(text)).toBe(canonical);
	});

	it('stores the canonical form of the evidence link', () => {
		const parsed = gigFlagSchema(t, '2026-11-29').parse({
			event: 'Intersect',
			venue: 'Las Vegas',
			date: '2027-12-06',
			connection: 'aws',
			link: 'https://аmazon.com/<@123456789012345678>',
		});
		expect(parsed.link).toBe('https://xn--mazon-3ve.com/%3C@123456789012345678%3E');
	});

	it('shows the host as plain text beside the link, punycode and all', () => {
		expect(linkWithHost('https://аmazon.com/x')).toBe('xn\\-\\-mazon\\-3ve.com · https://xn--mazon-3ve.com/x');
		expect(maskedLinkWithHost('evidence', 'https://x.example/a_(b)')).toBe(
			'[evidence](https://x.example/a_%28b%29) (x.example)',
		);
	});

	it('shows a stored value that is not a link as inert text', () => {
		expect(linkWithHost('[x](https://e.example) <@1>')).not.toMatch(/(?<!\\)[[<]/);
		expect(maskedLinkWithHost('evidence', 'not a link')).toBe('not a link');
	});
});
