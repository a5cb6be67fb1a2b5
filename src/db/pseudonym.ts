import { createHmac } from 'node:crypto';

/**
 * The key a signer's (or reporter's) row is stored under: HMAC-SHA256(SIGNER_KEY, Discord user ID), hex.
 * Without the secret a leaked database cannot be mapped back to Discord users.
 */
export function pseudonym(secret: string, userId: string): string {
	return createHmac('sha256', secret).update(userId).digest('hex');
}
