import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { catalogueFor } from '../../src/i18n/index.js';

describe('catalogueFor', () => {
	it('picks the catalogue by the language of the Discord locale, English when there is none', () => {
		expect(catalogueFor('en-US')).toBe(en);
		expect(catalogueFor('en-GB')).toBe(en);
		expect(catalogueFor('es-ES')).toBe(en);
		expect(catalogueFor(undefined)).toBe(en);
		expect(catalogueFor('')).toBe(en);
	});

	it('holds the four demands of the letter and a label for every connection kind', () => {
		expect(en.demands.list).toHaveLength(4);
		expect(Object.keys(en.gig.connections).sort()).toEqual(
			['amazon_music', 'audible', 'aws', 'other_amazon', 'prime_video', 'ring', 'twitch', 'whole_foods'].sort(),
		);
	});
});
