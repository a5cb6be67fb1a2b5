import path from 'node:path';
import { runDataSteps } from './dataSteps.js';
import { preparePrivateDatabaseFiles, preparePrivateFolder } from './files.js';
import { assertKeyMatches, type KeySource } from './keyCheck.js';
import { type MigrateOptions, migrateDatabase } from './migrate.js';
import { resolveSignerKey } from './signerKey.js';

export interface PrepareOptions extends MigrateOptions {
	/** SIGNER_KEY from the environment; undefined: `<database folder>/signer.key`. */
	configuredKey: string | undefined;
}

export interface PreparedDatabase {
	signerKey: string;
	/** SQL migrations applied now. */
	applied: string[];
	/** Data steps applied now. */
	dataSteps: string[];
}

/**
 * The start-up path of the database, before the bot opens it: key (checked against the database before anything
 * is written: SignerKeyError), private folder and files, SQL migrations, then data steps.
 */
export async function prepareDatabase(options: PrepareOptions): Promise<PreparedDatabase> {
	const databasePath = path.resolve(options.databasePath);
	const source: KeySource = options.configuredKey === undefined ? 'signer.key' : 'SIGNER_KEY';
	const signerKey = resolveSignerKey(options.configuredKey, databasePath);
	assertKeyMatches(databasePath, signerKey, source);
	preparePrivateFolder(path.dirname(databasePath));
	preparePrivateDatabaseFiles(databasePath);
	const { applied } = await migrateDatabase({ ...options, databasePath });
	const dataSteps = runDataSteps(databasePath, signerKey, source);
	preparePrivateDatabaseFiles(databasePath);
	return { signerKey, applied, dataSteps };
}
