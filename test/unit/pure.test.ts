import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../src/commands/declaration/parse.js';
import { pledgeSpec } from '../../src/commands/pledge/definition.js';
import { parseThresholds } from '../../src/commands/setup/milestones.js';
import { pseudonym } from '../../src/db/pseudonym.js';
import { UserError } from '../../src/discord/userError.js';
import { catalogueFor } from '../../src/i18n/index.js';
import { dueMilestone, milestoneNonce, progressBar } from '../../src/jobs/milestones.js';
import { createLogger, REDACTED } from '../../src/log.js';
import { normaliseCity } from '../../src/privacy/detailsCipher.js';
import { cleanText } from '../../src/text/sanitize.js';
import { sent } from '../support/options.js';

describe('pseudonym', () => {
	it('is a keyed HMAC-SHA256: stable per key, different across keys, never the id itself', () => {
		const a = pseudonym('k'.repeat(32), '123456789012345678');
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(pseudonym('k'.repeat(32), '123456789012345678')).toBe(a);
		expect(pseudonym('j'.repeat(32), '123456789012345678')).not.toBe(a);
		expect(a).not.toContain('123456789012345678');
	});
});

describe('parseThresholds', () => {
	it('takes commas and/or spaces, de-duplicates and sorts', () => {
		expect(parseThresholds('100, 10 25,,50  10')).toEqual([10, 25, 50, 100]);
	});
	it.each(['', ' , ', '10,-5', '0', '1.5', 'ten', '10;20', Array.from({ length: 26 }, (_, i) => i + 1).join(',')])(
		'refuses %j',
		(text) => {
			expect(parseThresholds(text)).toBeNull();
		},
	);
});

describe('milestone rules', () => {
	const target = {
		guildId: 'g',
		channelId: 'c',
		thresholds: [10, 25, 50],
		recorded: new Set([10]),
		language: null,
		guildLocale: null,
	};
	it('names the highest threshold reached and not yet had, and lists all due', () => {
		expect(dueMilestone(target, 9)).toBeNull();
		expect(dueMilestone(target, 24)).toBeNull();
		expect(dueMilestone(target, 60)).toEqual({ highest: 50, due: [25, 50] });
	});
	it('derives a stable nonce of at most 25 characters per server and threshold', () => {
		expect(milestoneNonce('1', 10)).toBe(milestoneNonce('1', 10));
		expect(milestoneNonce('1', 10)).not.toBe(milestoneNonce('1', 25));
		expect(milestoneNonce('1', 10)).not.toBe(milestoneNonce('2', 10));
		expect(milestoneNonce('1', 10).length).toBeLessThanOrEqual(25);
	});
	it('draws a progress bar towards the next threshold', () => {
		expect(progressBar(25, 25, 50, 10)).toBe('░░░░░░░░░░');
		expect(progressBar(40, 25, 50, 10)).toBe('██████░░░░');
		expect(progressBar(60, 25, 50, 10)).toBe('██████████');
		expect(progressBar(25, 0, 50, 10)).toBe('█████░░░░░');
	});
});

describe('cleanText', () => {
	it('removes invisible and control characters and collapses spaces', () => {
		expect(cleanText(' a\u200b\u202e b\u0000\n\tc ')).toBe('a b c');
	});

	// Printable ASCII takes a short path; an appended zero-width space (removed) sends the same text the long way.
	it('cleans printable ASCII as the full normalisation does', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom(' ', 'a', 'B', '~', '@', '<', '1') }), (text) => {
				expect(cleanText(text)).toBe(cleanText(`${text}\u200b`));
			}),
		);
		expect(cleanText('  Los   Angeles ')).toBe('Los Angeles');
	});
});

describe('normaliseCity', () => {
	it('groups spellings of a city: case, accents and spacing', () => {
		expect(normaliseCity(' Bogotá  D.C. ')).toBe(normaliseCity('bogota d.c.'));
		expect(normaliseCity('BOGOTA D.C.')).toBe('bogota d.c.');
	});

	// The printable-ASCII short path; an appended combining accent (stripped) sends the same text the long way.
	it('normalises printable ASCII as the full path does', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom(' ', 'a', 'Q', 'z', '.', '-', '9') }), (city) => {
				expect(normaliseCity(city)).toBe(normaliseCity(`${city}\u0301`));
			}),
		);
	});
});

describe('parseOptions', () => {
	const t = catalogueFor('en-US');
	const sign = (values: Record<string, unknown>) =>
		parseOptions(pledgeSpec, 'sign', pledgeSpec.subcommands.sign.options, sent(values), t, new Date());
	it('turns the first problem into a UserError naming the option, with the declared limit', () => {
		expect(() => sign({ city: 'x'.repeat(101) })).toThrow(UserError);
		expect(() => sign({ city: 'x'.repeat(101) })).toThrow('`city` is too long: at most 100 characters.');
		expect(() => sign({ public: 'yes' })).toThrow('`public` is invalid: yes or no.');
	});
	it('cleans free text and counts blank text as not given', () => {
		expect(sign({ artist_name: '  DJ\u200b  Ice ', city: '   ', public: true })).toEqual({
			artist_name: 'DJ Ice',
			public: true,
		});
	});
});

describe('logger', () => {
	it('never writes a secret, whatever field or message carries it', () => {
		const lines: string[] = [];
		const token = 'MTIz.secret-token-value.abc';
		const log = createLogger({ level: 'trace', secrets: [token, 'k'.repeat(40)], write: (l) => lines.push(l) });
		log.error({ err: new Error(`bad ${token}`), token, nested: { url: `https://x/${token}` } }, `msg ${token}`);
		log.trace({ key: 'k'.repeat(40) }, 'trace');
		const all = lines.join('');
		expect(all).not.toContain(token);
		expect(all).not.toContain('k'.repeat(40));
		expect(all).toContain(REDACTED);
	});
});

describe('page numbers', () => {
	const t = catalogueFor('en-US');
	const signers = (page: unknown) =>
		parseOptions(pledgeSpec, 'signers', pledgeSpec.subcommands.signers.options, sent({ page }), t, new Date());
	it.each([
		[-1e20, 'at least 1'],
		[0, 'at least 1'],
		[1e20, 'at most 1,000,000'],
		[1.5, 'a whole number'],
	])('refuses %d, saying the range (%s)', (page, expected) => {
		expect(() => signers(page)).toThrow(`\`page\` is invalid: ${expected}.`);
	});
});
