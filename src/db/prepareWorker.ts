// The worker thread of src/db/prepareOnWorker.ts. It is started before the bot's bundle loads (src/boot/start.ts), so
// it loads its own modules meanwhile; it then waits for its one job, runs it and posts its result, or its error's kind
// and message (an Error's own class does not survive the crossing).
import { parentPort } from 'node:worker_threads';
import type { PreparationJob } from './preparation.js';
import { runPreparation } from './prepare.js';
import type { WorkerAnswer } from './prepareOnWorker.js';

const post = (answer: WorkerAnswer) => parentPort?.postMessage(answer);

parentPort?.once('message', (job: PreparationJob) => {
	runPreparation(job).then(
		(prepared) => post({ ok: true, prepared }),
		(error: unknown) =>
			post({
				ok: false,
				name: error instanceof Error ? error.name : 'Error',
				message: error instanceof Error ? error.message : String(error),
			}),
	);
});
