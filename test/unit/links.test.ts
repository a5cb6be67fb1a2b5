import { describe, expect, it } from 'vitest';
import { canonicalLink, linkWithHost, maskedLinkWithHost } from '../../src/text/links.js';

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
