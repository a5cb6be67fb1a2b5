import { describe, expect, it } from 'vitest';
import { componentHandlers } from '../../src/commands/index.js';
import {
	CUSTOM_ID_KINDS,
	type CustomId,
	encodeCustomId,
	MAX_CUSTOM_ID,
	MAX_ROW_ID,
	parseCustomId,
} from '../../src/discord/customId.js';

describe('custom_ids', () => {
	const samples: CustomId[] = [
		{ kind: 'signers', page: 3 },
		{ kind: 'gigs', page: 1 },
		{ kind: 'review', page: 999_999 },
		{ kind: 'gig-confirm', flagId: 42 },
		{ kind: 'gig-reject', flagId: 7 },
		{ kind: 'gig-reject-reason', flagId: 123_456_789 },
		{ kind: 'review-confirm', flagId: 42, page: 2 },
		{ kind: 'review-reject', flagId: 7, page: 1 },
		{ kind: 'review-reject-reason', flagId: MAX_ROW_ID, page: 999_999 },
		{ kind: 'flag-modal' },
	];

	it('has a round-trip sample and a handler for every kind the bot makes', () => {
		expect(new Set(samples.map((s) => s.kind))).toEqual(new Set(CUSTOM_ID_KINDS));
		expect(Object.keys(componentHandlers).sort()).toEqual([...CUSTOM_ID_KINDS].sort());
	});

	it.each(samples)('round-trips %o', (value) => {
		const text = encodeCustomId(value);
		expect(text.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
		expect(text).toMatch(/^[a-z-]+:v1(:\d+){0,2}$/);
		expect(parseCustomId(text)).toEqual(value);
	});

	it.each([
		'',
		'signers',
		'signers:v0:1',
		'signers:v2:1',
		'signers:v1:0',
		'signers:v1:-1',
		'signers:v1:1e3',
		'signers:v1:0x10',
		'signers:v1: 5',
		'signers:v1:1:extra',
		'gig-confirm:v1:abc',
		'gig-confirm:v1:1:2',
		'review-confirm:v1:1',
		'flag-modal:v1:1',
		'gig-confirm:v1:99999999999999999999',
		// Beyond any row's id (PostgreSQL refuses to compare an integer column with it).
		`gig-confirm:v1:${MAX_ROW_ID + 1}`,
		'gig-confirm:v1:999999999999999',
		'nope:v1:1',
		'__proto__:v1:1',
		'constructor:v1:1',
		`signers:v1:${'1'.repeat(200)}`,
	])('treats %j as expired', (text) => {
		expect(parseCustomId(text)).toBeNull();
	});
});
