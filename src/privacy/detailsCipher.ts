import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { handleBinding } from '../db/handleBinding.js';
import { PRINTABLE_ASCII } from '../text/sanitize.js';

/** HKDF purpose label: this key encrypts signature details and nothing else. */
const PURPOSE = 'nomusicforice-bot signature details v1';
/** HKDF purpose label of the city-group key: a keyed hash, so equal cities group without being readable. */
const CITY_PURPOSE = 'nomusicforice-bot city groups v1';
const VERSION = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A column of Signature that holds text the signer typed. */
export type DetailColumn = 'artistName' | 'city';

/** Thrown when a stored value does not decrypt: wrong key, or a value edited or moved to another row or column. */
export class DetailsDecryptError extends Error {
	override name = 'DetailsDecryptError';
}

/**
 * Authenticated encryption of what a signer typed (AES-256-GCM, random 12-byte IV per value). The row's key and the
 * column name are the associated data, so a value copied into another row or column does not decrypt.
 */
export interface DetailsCipher {
	seal(signerKey: string, column: DetailColumn, text: string): string;
	open(signerKey: string, column: DetailColumn, sealed: string): string;
	/** The same tag for the same city however it is typed (case, accents, spacing); not reversible without the key. */
	cityTag(city: string): string;
}

/** Cities compare without case, accents or extra spaces: "Bogotá " = "bogota". */
export function normaliseCity(city: string): string {
	// Printable ASCII has no accents to strip and only spaces for whitespace (hot path of a signing burst).
	if (PRINTABLE_ASCII.test(city)) return city.toLowerCase().replace(/ {2,}/g, ' ').trim();
	return city.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('und').replace(/\s+/g, ' ').trim();
}

const aad = (signerKey: string, column: DetailColumn) => Buffer.from(`${signerKey}\0${column}`, 'utf8');

export function createDetailsCipher(secret: string): DetailsCipher {
	const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), PURPOSE, 32));
	const cityKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), CITY_PURPOSE, 32));
	return {
		cityTag(city) {
			return createHmac('sha256', cityKey).update(normaliseCity(city)).digest('base64url').slice(0, 22);
		},
		seal(signerKey, column, text) {
			const iv = randomBytes(IV_BYTES);
			const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
			cipher.setAAD(aad(signerKey, column));
			const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
			return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
		},
		open(signerKey, column, sealed) {
			if (!sealed.startsWith(VERSION))
				throw new DetailsDecryptError(`Signature.${column} is not encrypted (${VERSION})`);
			const bytes = Buffer.from(sealed.slice(VERSION.length), 'base64url');
			if (bytes.length < IV_BYTES + TAG_BYTES) throw new DetailsDecryptError(`Signature.${column} is truncated`);
			try {
				const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES), {
					authTagLength: TAG_BYTES,
				});
				decipher.setAAD(aad(signerKey, column));
				decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
				return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
					'utf8',
				);
			} catch {
				throw new DetailsDecryptError(`Signature.${column} does not decrypt with this key (tampered or moved)`);
			}
		},
	};
}

/** The cipher of each open database, so data functions need no extra argument. */
const ciphers = handleBinding<DetailsCipher>('signer key');
export const bindDetailsCipher = ciphers.bind;
export const detailsCipherOf = ciphers.of;
