import { describe, expect, it } from 'vitest';
import { createDetailsCipher, DetailsDecryptError } from '../../src/privacy/detailsCipher.js';

const KEY = 'c1f0000000000000000000000000000000000000000000000000000000000001';
const ROW = 'a'.repeat(64);
const cipher = createDetailsCipher(KEY);

describe('signature details cipher', () => {
	it('round-trips text, with a fresh IV each time and no clear text in the stored form', () => {
		const sealed = cipher.seal(ROW, 'artistName', 'Ñandú Ensemble 🎺');
		expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
		expect(sealed).not.toContain('Ensemble');
		expect(cipher.seal(ROW, 'artistName', 'Ñandú Ensemble 🎺')).not.toBe(sealed);
		expect(cipher.open(ROW, 'artistName', sealed)).toBe('Ñandú Ensemble 🎺');
	});

	it('refuses a value moved to another row or column, edited, or read with another key', () => {
		const sealed = cipher.seal(ROW, 'city', 'Tucson');
		expect(() => cipher.open('b'.repeat(64), 'city', sealed)).toThrow(DetailsDecryptError);
		expect(() => cipher.open(ROW, 'artistName', sealed)).toThrow(DetailsDecryptError);
		const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.at(-1)}`;
		expect(() => cipher.open(ROW, 'city', flipped)).toThrow(DetailsDecryptError);
		const other = createDetailsCipher('c1f0000000000000000000000000000000000000000000000000000000000002');
		expect(() => other.open(ROW, 'city', sealed)).toThrow(DetailsDecryptError);
		expect(() => cipher.open(ROW, 'city', 'Tucson')).toThrow(DetailsDecryptError); // clear text is not accepted
	});
});
