/** Prisma's "Unique constraint failed" (P2002), raised by a concurrent insert of the same key. */
export function isUniqueViolation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}

/** A migration problem the operator must fix; `message` is one line saying what is wrong and what to do. */
export class MigrationError extends Error {
	override readonly name = 'MigrationError';
}
