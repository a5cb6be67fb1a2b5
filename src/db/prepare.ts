import path from 'node:path';
import type { DatabaseTarget } from './client.js';
import { runDataSteps, runPostgresDataSteps } from './dataSteps.js';
import { preparePrivateDatabaseFiles, preparePrivateFolder } from './files.js';
import { assertKeyMatches, assertPostgresKeyMatches } from './keyCheck.js';
import { type MigrateOptions, migrateDatabase, migratePostgres } from './migrate.js';
import {
	type Preparation,
	type PreparationJob,
	type PreparedDatabase,
	postgresKey,
	type ResolvedKey,
	resolveJob,
	sqliteKey,
} from './preparation.js';

export interface PrepareOptions extends MigrateOptions {
	/** SIGNER_KEY from the environment; undefined: `<database folder>/signer.key`. */
	configuredKey: string | undefined;
}

/**
 * The start-up path of the database, before the bot opens it: key (checked against the database before anything
 * is written: SignerKeyError), private folder and files, SQL migrations, then data steps.
 */
export async function prepareDatabase(options: PrepareOptions): Promise<PreparedDatabase> {
	const databasePath = path.resolve(options.databasePath);
	return prepareSqlite({ ...options, databasePath }, sqliteKey(databasePath, options.configuredKey));
}

/** SQLite's start-up path once the key is known. */
async function prepareSqlite(options: MigrateOptions, { signerKey, source }: ResolvedKey): Promise<PreparedDatabase> {
	const { databasePath } = options;
	assertKeyMatches(databasePath, signerKey, source);
	preparePrivateFolder(path.dirname(databasePath));
	preparePrivateDatabaseFiles(databasePath);
	const { applied } = await migrateDatabase(options);
	const dataSteps = runDataSteps(databasePath, signerKey, source);
	preparePrivateDatabaseFiles(databasePath);
	return { signerKey, applied, dataSteps };
}

/** The start-up path of either database (tests; src/main.ts uses startPreparing). */
export function prepareTarget(target: DatabaseTarget, configuredKey: string | undefined): Promise<PreparedDatabase> {
	return startPreparing(target, configuredKey).prepared;
}

/**
 * Resolves the key now (SignerKeyError is thrown here), and prepares the database on this thread, in the background
 * (src/main.ts runs it on a worker thread instead: src/db/prepareOnWorker.ts).
 */
export function startPreparing(target: DatabaseTarget, configuredKey: string | undefined): Preparation {
	const job = resolveJob(target, configuredKey);
	return { signerKey: job.key.signerKey, prepared: runPreparation(job) };
}

/** The preparation of a resolved job, on whichever thread calls it. */
export function runPreparation({ target, key }: PreparationJob): Promise<PreparedDatabase> {
	if (target.provider === 'postgresql') return preparePostgres({ url: target.url, configuredKey: key.signerKey });
	return prepareSqlite({ databasePath: path.resolve(target.path) }, key);
}

/**
 * PostgreSQL's start-up path: the key must come from SIGNER_KEY (there is no database folder to keep signer.key in),
 * is checked against the database before anything is written, then the migrations and the data steps run. The
 * files' modes have no counterpart: access is the server's roles and pg_hba.conf (SECURITY.md).
 */
export async function preparePostgres(options: {
	url: string;
	configuredKey: string | undefined;
	migrationsDir?: string;
}): Promise<PreparedDatabase> {
	const signerKey = postgresKey(options.configuredKey);
	await assertPostgresKeyMatches(options.url, signerKey);
	const { applied } = await migratePostgres({
		url: options.url,
		...(options.migrationsDir ? { migrationsDir: options.migrationsDir } : {}),
	});
	const dataSteps = await runPostgresDataSteps(options.url, signerKey);
	return { signerKey, applied, dataSteps };
}
