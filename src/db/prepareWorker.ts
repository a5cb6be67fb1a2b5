// Worker thread entry (src/db/prepareInWorker.ts): runs SQLite's start-up preparation and posts its outcome.
import { parentPort, workerData } from 'node:worker_threads';
import { prepareSqlite } from './prepare.js';
import type { PrepareJob, PrepareOutcome } from './prepareInWorker.js';

const { databasePath, signerKey, source } = workerData as PrepareJob;
const post = (outcome: PrepareOutcome) => parentPort?.postMessage(outcome);
try {
	post({ prepared: await prepareSqlite({ databasePath }, { signerKey, source }) });
} catch (error) {
	post({
		error:
			error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) },
	});
}
