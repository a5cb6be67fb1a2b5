// What a database's preparation is given and gives back (src/db/prepare.ts runs it): plain data, so that it can run on
// a worker thread (src/db/prepareOnWorker.ts). Light on purpose: the main thread imports it without the migrator.
import path from 'node:path';
import type { DatabaseTarget } from './client.js';
import type { KeySource } from './keyCheck.js';
import { resolveSignerKey, SignerKeyError } from './signerKey.js';

export interface PreparedDatabase {
	signerKey: string;
	/** SQL migrations applied now. */
	applied: string[];
	/** Data steps applied now. */
	dataSteps: string[];
}

/** The signer key and where it came from (signer.key is created for a new database). */
export interface ResolvedKey {
	signerKey: string;
	source: KeySource;
}

/** A database and its resolved key: what the preparation needs. */
export interface PreparationJob {
	target: DatabaseTarget;
	key: ResolvedKey;
}

export interface Preparation {
	/** Known at once (the logger must know it to keep it out of every line). */
	signerKey: string;
	prepared: Promise<PreparedDatabase>;
}

export function sqliteKey(databasePath: string, configuredKey: string | undefined): ResolvedKey {
	const source: KeySource = configuredKey === undefined ? 'signer.key' : 'SIGNER_KEY';
	return { signerKey: resolveSignerKey(configuredKey, databasePath), source };
}

export function postgresKey(configuredKey: string | undefined): string {
	if (configuredKey === undefined) {
		throw new SignerKeyError('SIGNER_KEY is missing: it is required with PostgreSQL (no signer.key file is used)');
	}
	return configuredKey;
}

/** Resolves the key of a target (SignerKeyError is thrown here; a new SQLite database gets its signer.key). */
export function resolveJob(target: DatabaseTarget, configuredKey: string | undefined): PreparationJob {
	return target.provider === 'postgresql'
		? { target, key: { signerKey: postgresKey(configuredKey), source: 'SIGNER_KEY' } }
		: { target, key: sqliteKey(path.resolve(target.path), configuredKey) };
}
