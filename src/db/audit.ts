import type { Prisma } from '../generated/prisma/client.js';

/** Writes an audit entry inside the caller's transaction, so the change and its record stand or fall together. */
export function recordAudit(
	tx: Prisma.TransactionClient,
	entry: { guildId: string; actorId: string; action: string; detail: Record<string, unknown> },
) {
	return tx.auditEntry.create({ data: { ...entry, detail: JSON.stringify(entry.detail) } });
}
