// Start-up prepares the database (key check, migrations, data steps: ~200 ms of CPU on a fresh database) on a worker
// thread, so that it runs on another core while the main thread loads discord.js, logs in and loads Prisma's client.
// Measured in BENCHMARKS.md ("Start-up").
import { Worker } from 'node:worker_threads';
import type { DatabaseTarget } from './client.js';
import { MigrationError } from './errors.js';
import { type Preparation, type PreparedDatabase, resolveJob } from './preparation.js';
import { SignerKeyError } from './signerKey.js';

/** What the worker posts back (src/db/prepareWorker.ts). */
export type WorkerAnswer = { ok: true; prepared: PreparedDatabase } | { ok: false; name: string; message: string };

/** Beside this module in dist/src/db/, and beside the bundle in dist/bot/ (scripts/build.mjs builds it there). */
export const PREPARE_WORKER = new URL('./prepareWorker.js', import.meta.url);

/** Starts the worker, which loads its modules and then waits for its job (src/boot/start.ts: before the bundle). */
export const startPreparationWorker = (file: URL = PREPARE_WORKER) => new Worker(file);

/** The error kinds start-up reports as one line (src/main.ts), rebuilt from their names. */
const KINDS: Record<string, new (message: string) => Error> = { MigrationError, SignerKeyError };

/**
 * Resolves the key on this thread (SignerKeyError is thrown here: the logger needs the key at once) and has `worker`
 * prepare the database.
 */
export function startPreparingOnWorker(
	target: DatabaseTarget,
	configuredKey: string | undefined,
	worker: Worker = startPreparationWorker(),
): Preparation {
	let job: ReturnType<typeof resolveJob>;
	try {
		job = resolveJob(target, configuredKey);
	} catch (error) {
		void worker.terminate();
		throw error;
	}
	const prepared = new Promise<PreparedDatabase>((resolve, reject) => {
		worker.once('message', (answer: WorkerAnswer) => {
			if (answer.ok) resolve(answer.prepared);
			else reject(new (KINDS[answer.name] ?? Error)(answer.message));
		});
		worker.once('error', reject);
		// After an answer this settles nothing; without one the thread died (out of memory, process.exit in a library).
		worker.once('exit', (code) =>
			reject(new Error(`the database preparation stopped without an answer (exit ${code})`)),
		);
	});
	worker.postMessage(job);
	return { signerKey: job.key.signerKey, prepared };
}
