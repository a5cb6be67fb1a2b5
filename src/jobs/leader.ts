// One process at a time runs a job: the holder of its lease (src/db/lease.ts). Every process tries to take the lease
// at each tick; the holder renews it then, and keeps renewing it while its tick runs, so a long tick is not taken over.
// A holder that dies stops renewing; another process takes over once the lease has expired.
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client.js';
import { releaseLease, takeLease } from '../db/lease.js';
import type { Logger } from '../log.js';

export interface LeaseOptions {
	/** How long the lease lasts unless renewed. Default 10 s: a dead leader's ticks resume elsewhere within it. */
	ttlMs?: number;
	/** This process's id in the lease row; default a random UUID. */
	holder?: string;
	now?: () => Date;
}

export interface Leader {
	readonly holder: string;
	/**
	 * Runs `job` if this process takes (or still holds) the lease, renewing it every third of its lifetime meanwhile;
	 * `stillLeading()` turns false if a renewal finds the lease taken over. Resolves to undefined when not leading.
	 */
	whileLeading<T>(job: (stillLeading: () => boolean) => Promise<T>): Promise<T | undefined>;
	/** Gives the lease up (graceful shutdown), so another process takes over at its next tick. */
	release(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 10_000;

export function createLeader(db: Database, name: string, log: Logger, options: LeaseOptions = {}): Leader {
	const holder = options.holder ?? randomUUID();
	const ttlMs = options.ttlMs ?? DEFAULT_LEASE_MS;
	const now = options.now ?? (() => new Date());
	let leading = false;
	const take = async () => {
		const was = leading;
		leading = await takeLease(db, name, holder, now(), ttlMs);
		if (leading !== was) log.info({ lease: name, holder, leading }, leading ? 'lease taken' : 'lease lost');
		return leading;
	};
	return {
		holder,
		async whileLeading(job) {
			if (!(await take())) return undefined;
			let renewing = Promise.resolve();
			const timer = setInterval(() => {
				renewing = take().then(
					() => {},
					(error: unknown) => {
						leading = false;
						log.warn({ err: error, lease: name }, 'lease renewal failed');
					},
				);
			}, ttlMs / 3);
			try {
				return await job(() => leading);
			} finally {
				clearInterval(timer);
				await renewing;
			}
		},
		async release() {
			if (!leading) return;
			leading = false;
			await releaseLease(db, name, holder);
		},
	};
}
