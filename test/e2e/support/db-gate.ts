// Holds one chosen database call of the bot until the test lets it go, to replay an exact interleaving of two
// handlers (e.g. a withdraw landing between a sign's failed insert and its update). A call is chosen by what it
// does, whichever way the code under test makes it through the client: a model call (`db.signature.update(…)`) or
// raw SQL (`db.$queryRaw\`UPDATE Signature …\``, `db.$executeRawUnsafe('UPDATE Signature …')`). The signing burst's
// batched INSERT and count run on the shared connection, not through the client (src/db/signatureBatches.ts): the
// gate cannot hold them.
import type { Database } from '../../../src/db/client.js';

export interface Pause {
	/** Resolves when the held call has been made (and is waiting). */
	reached: Promise<void>;
	/** Lets the held call run. */
	release(): void;
}

/** What a call does: `model.method` for model calls, `$raw` with the SQL text for raw ones. */
export interface DbCall {
	model: string;
	method: string;
	/** The SQL of a raw call (template parts joined), '' otherwise. */
	sql: string;
}

export interface DbGate {
	/** Wraps the client: pass as the harness's `interpose`. */
	interpose(db: Database): Database;
	/** Holds the next call of the bot that `matches`. */
	pauseNext(matches: (call: DbCall) => boolean): Pause;
}

const RAW = new Set(['$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe']);

const bound = (target: object, key: PropertyKey) => {
	const value = Reflect.get(target, key, target) as unknown;
	return typeof value === 'function' ? value.bind(target) : value;
};

function sqlOf(args: unknown[]): string {
	const first = args[0];
	if (typeof first === 'string') return first;
	if (Array.isArray(first)) return first.join('?'); // a tagged template's strings
	if (typeof first === 'object' && first !== null && 'sql' in first) return String(first.sql); // Prisma.sql
	return '';
}

export function createDbGate(): DbGate {
	const armed: { matches: (call: DbCall) => boolean; reached: () => void; released: Promise<void> }[] = [];
	const held = async (call: DbCall) => {
		const index = armed.findIndex((a) => a.matches(call));
		const pause = armed[index];
		if (!pause) return;
		armed.splice(index, 1);
		pause.reached();
		await pause.released;
	};
	const wrap =
		(call: (...args: unknown[]) => unknown, describe: (args: unknown[]) => DbCall) =>
		async (...args: unknown[]) => {
			await held(describe(args));
			return call(...args);
		};
	return {
		interpose(db) {
			return new Proxy(db, {
				get(client, key) {
					const value = bound(client, key);
					if (typeof key !== 'string') return value;
					if (typeof value === 'function' && RAW.has(key)) {
						return wrap(value as (...args: unknown[]) => unknown, (args) => ({
							model: '',
							method: key,
							sql: sqlOf(args),
						}));
					}
					if (typeof value !== 'object' || value === null || key.startsWith('$')) return value;
					return new Proxy(value, {
						get(delegate, method) {
							const call = bound(delegate, method);
							if (typeof method !== 'string' || typeof call !== 'function') return call;
							return wrap(call as (...args: unknown[]) => unknown, () => ({ model: key, method, sql: '' }));
						},
					});
				},
			});
		},
		pauseNext(matches) {
			let reached = () => {};
			let release = () => {};
			const reachedP = new Promise<void>((resolve) => {
				reached = resolve;
			});
			const released = new Promise<void>((resolve) => {
				release = resolve;
			});
			armed.push({ matches, reached, released });
			return { reached: reachedP, release };
		},
	};
}
