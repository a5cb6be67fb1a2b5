import { createHmac } from 'node:crypto';

/**
 * The key a signer's row is stored under: HMAC-SHA256(SIGNER_KEY, Discord user ID), hex.
 * Without the secret a leaked database cannot be mapped back to Discord users.
 */
export function pseudonym(secret: string, userId: string): string {
	return createHmac('sha256', secret).update(userId).digest('hex');
}

/**
 * A gig reporter's key: HMAC-SHA256(SIGNER_KEY, "reporter:" + signer pseudonym), hex. Its own purpose label, so a
 * report's key never equals (or can be computed from the database into) the same member's signature key.
 */
export function reporterPseudonym(secret: string, userId: string): string {
	return reporterKeyOf(secret, pseudonym(secret, userId));
}

/** The reporter key from a signer pseudonym (also how the data step re-keys old reports). */
export function reporterKeyOf(secret: string, signerPseudonym: string): string {
	return createHmac('sha256', secret).update(`reporter:${signerPseudonym}`).digest('hex');
}

/** The database's check value of its key: HMAC-SHA256(SIGNER_KEY, fixed label), hex. */
export function keyCheckValue(secret: string): string {
	return createHmac('sha256', secret).update('nomusicforice-bot key check v1').digest('hex');
}
