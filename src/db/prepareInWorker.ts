// SQLite's start-up preparation in a worker thread (src/db/prepareWorker.ts), and its outcome back on this one.
import { Worker } from 'node:worker_threads';
import { MigrationError } from './migrate.js';
import type { PreparedDatabase, ResolvedKey } from './prepare.js';
import { SignerKeyError } from './signerKey.js';

export interface PrepareJob extends ResolvedKey {
	databasePath: string;
}

/** What the worker posts: the outcome, or the error's kind and message (its one line for the operator). */
export type PrepareOutcome = { prepared: PreparedDatabase } | { error: { name: string; message: string } };

const KNOWN_ERRORS: Record<string, new (message: string) => Error> = {
	MigrationError,
	SignerKeyError,
};

export function errorOf({ name, message }: { name: string; message: string }): Error {
	const Known = KNOWN_ERRORS[name];
	return Known ? new Known(message) : new Error(message);
}

export function prepareSqliteInWorker(databasePath: string, key: ResolvedKey): Promise<PreparedDatabase> {
	const job: PrepareJob = { databasePath, ...key };
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./prepareWorker.js', import.meta.url), { workerData: job });
		worker.once('message', (outcome: PrepareOutcome) =>
			'prepared' in outcome ? resolve(outcome.prepared) : reject(errorOf(outcome.error)),
		);
		worker.once('error', reject);
		// Settled already when it posted; otherwise it died without a word.
		worker.once('exit', (code) => reject(new Error(`the database preparation stopped (worker exit code ${code})`)));
	});
}
