import type { PrismaClient } from '../../src/generated/prisma/client.js';

/** A promise and what resolves it (Promise.withResolvers needs Node 22). */
export function signal(): { promise: Promise<void>; resolve: () => void } {
	let resolve!: () => void;
	const promise = new Promise<void>((done) => {
		resolve = done;
	});
	return { promise, resolve };
}

/**
 * An interactive transaction that writes the GuildSettings row `inside`, stays open until `until` resolves, then
 * rolls back: what a statement sent meanwhile from outside must not be caught in. `open` resolves once its write is
 * done; `rolledBack` with the rollback's message.
 */
export function heldTransaction(
	client: PrismaClient,
	until: Promise<unknown>,
): { open: Promise<void>; rolledBack: Promise<string> } {
	const opened = signal();
	const rolledBack = client
		.$transaction(async (tx) => {
			await tx.guildSettings.create({ data: { guildId: 'inside' } });
			opened.resolve();
			await until;
			throw new Error('roll back');
		})
		.catch((error: Error) => error.message);
	return { open: opened.promise, rolledBack };
}
