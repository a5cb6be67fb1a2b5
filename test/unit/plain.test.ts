import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../src/commands/declaration/parse.js';
import { pledgeSpec } from '../../src/commands/pledge/definition.js';
import { catalogueFor } from '../../src/i18n/index.js';
import { hasMentionSyntax } from '../../src/text/mentionSyntax.js';
import { plain } from '../../src/text/plain.js';
import { shown } from '../../src/text/sanitize.js';
import { sent } from '../support/options.js';

// A model of what Discord's markdown does with a backslash: before ASCII punctuation it stands for that
// character literally, and no rule can start there. `visible` is what the reader sees; `live` is the text with
// every escaped character replaced by a placeholder, i.e. what Discord's rules can still act on.
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
const visible = (rendered: string) => rendered.replace(ESCAPE, '$1');
const live = (rendered: string) => rendered.replace(ESCAPE, '\u0000');

/** Everything in Discord's markdown that turns text into something else, as it would match unescaped text. */
const RULES: Record<string, RegExp> = {
	mention: /<@[!&]?\d+>/,
	channel: /<#\d+>/,
	command: /<\/[^<>]+:\d+>/,
	timestamp: /<t:-?\d+(:[A-Za-z])?>/,
	emoji: /<a?:\w+:\d+>/,
	everyone: /@(everyone|here)/,
	maskedLink: /\[[^\]]*\]\([^)]*\)/,
	autoLink: /\w+:\/\//,
	angleLink: /<[^>]+>/,
	style: /[*_~|`]/,
	quote: /^\s*>/,
	heading: /^\s*#{1,3}\s/,
	subtext: /^\s*-#\s/,
	list: /^\s*([-*]|\d+\.)\s/,
};

const rendersAs = (text: string) => Object.keys(RULES).filter((rule) => RULES[rule]?.test(live(plain(text))));

// Strings built from the characters that matter, so the generator finds the interesting cases often.
const hostile = fc
	.array(
		fc.oneof(
			fc.constantFrom(...'\\*_~|`>#-[]()<:@./!&t '.split('')),
			fc.constantFrom('<@', '<@!', '<@&', '<#', '</', '<t:', '123456789012345678', 'https://', '@everyone', '||'),
			fc.string({ maxLength: 3 }),
		),
		{ maxLength: 30 },
	)
	.map((parts) => parts.join(''));

describe('plain text (text/plain)', () => {
	it.each([
		['<@123456789012345678>'],
		['<@!123456789012345678>'],
		['<@&123456789012345678>'],
		['<#123456789012345678>'],
		['</pledge withdraw:123456789012345678>'],
		['<t:0:R>'],
		['[Official statement](https://evil.example/login)'],
		['https://evil.example/login'],
		['<https://evil.example>'],
		['@everyone and @here'],
		['**bold** __underline__ *it* _it_ ~~strike~~ ||spoiler|| `code`'],
		['# Heading'],
		['-# subtext'],
		['- item'],
		['1. item'],
		[' 12. item'],
		['> quote'],
		['<:blob:123456789012345678>'],
		['***__a__***'],
		['\\<@123456789012345678>'],
	])('shows %s inert and exactly as typed', (text) => {
		expect(rendersAs(text)).toEqual([]);
		expect(visible(plain(text))).toBe(text);
	});

	it('leaves letters, digits, accents and spaces as they are', () => {
		expect(plain('Björk Guðmundsdóttir 2026')).toBe('Björk Guðmundsdóttir 2026');
	});

	it('renders nothing but the text itself, whatever the text (property)', () => {
		fc.assert(
			fc.property(fc.oneof(hostile, fc.string({ unit: 'grapheme', maxLength: 40 })), (text) => {
				expect(rendersAs(text)).toEqual([]);
				expect(visible(plain(text))).toBe(text);
			}),
			{ numRuns: 2000 },
		);
	});

	it('is what shown() uses', () => {
		expect(shown('[x](https://e.example) <@1>')).toBe(plain('[x](https://e.example) <@1>'));
	});
});

describe('mention syntax (text/mentionSyntax)', () => {
	it.each([
		'<@123456789012345678>',
		'DJ <@!123456789012345678>',
		'<@&123456789012345678>',
		'<#123456789012345678>',
		'</pledge withdraw:123456789012345678>',
		'<t:0>',
		'from <t:1700000000:R>',
	])('finds %s', (text) => {
		expect(hasMentionSyntax(text)).toBe(true);
	});

	it.each(['Björk', 'a < b > c', '<3 Detroit', '@everyone', '<@name>', 'email@example.com'])(
		'leaves %s alone (shown inert instead)',
		(text) => {
			expect(hasMentionSyntax(text)).toBe(false);
		},
	);
});

describe('signing options', () => {
	const t = catalogueFor('en-US');
	const parseSign = (values: Record<string, unknown>) =>
		parseOptions(pledgeSpec, 'sign', pledgeSpec.subcommands.sign.options, sent(values), t, new Date());

	it.each([
		['artist_name', 'DJ <@123456789012345678>'],
		['city', '<t:0:R>'],
	])('refuses mention syntax in %s, naming the option', (option, value) => {
		expect(() => parseSign({ [option]: value })).toThrow(`\`${option}\` is invalid: ${t.errors.expected.plainText}.`);
	});

	it('takes markdown and links, which are shown inert', () => {
		expect(parseSign({ artist_name: '[x](https://e.example) **b**' })).toEqual({
			artist_name: '[x](https://e.example) **b**',
		});
	});
});
