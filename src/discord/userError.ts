/**
 * A refusal the member should read (bad input, missing permission, expired button). The router answers
 * it ephemerally as it is; anything else thrown is an unexpected error with a reference id.
 */
export class UserError extends Error {
	override name = 'UserError';
}
