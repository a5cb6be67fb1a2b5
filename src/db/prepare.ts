import path from 'node:path';
import type { DatabaseTarget } from './client.js';
import { runDataSteps, runPostgresDataSteps } from './dataSteps.js';
import { preparePrivateDatabaseFiles, preparePrivateFolder } from './files.js';
import { assertKeyMatches, assertPostgresKeyMatches, type KeySource } from './keyCheck.js';
import { type MigrateOptions, migrateDatabase, migratePostgres } from './migrate.js';
import { resolveSignerKey, SignerKeyError } from './signerKey.js';

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

/** The signer key and where it came from (signer.key is created for a new database). */
interface ResolvedKey {
	signerKey: string;
	source: KeySource;
}

function sqliteKey(databasePath: string, configuredKey: string | undefined): ResolvedKey {
	const source: KeySource = configuredKey === undefined ? 'signer.key' : 'SIGNER_KEY';
	return { signerKey: resolveSignerKey(configuredKey, databasePath), source };
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

export interface Preparation {
	/** Known at once (the logger must know it to keep it out of every line). */
	signerKey: string;
	prepared: Promise<PreparedDatabase>;
}

/**
 * Resolves the key now (SignerKeyError is thrown here) and prepares the database. SQLite's key check and a new
 * database's migrations (src/db/migrate.ts, a few ms) run before this returns; the schema engine, for an existing
 * database with migrations pending, and PostgreSQL's path run in the background while start-up loads the Discord
 * modules and logs in (src/main.ts).
 */
export function startPreparing(target: DatabaseTarget, configuredKey: string | undefined): Preparation {
	if (target.provider === 'postgresql') {
		return { signerKey: postgresKey(configuredKey), prepared: preparePostgres({ url: target.url, configuredKey }) };
	}
	const databasePath = path.resolve(target.path);
	const key = sqliteKey(databasePath, configuredKey);
	return { signerKey: key.signerKey, prepared: prepareSqlite({ databasePath }, key) };
}

function postgresKey(configuredKey: string | undefined): string {
	if (configuredKey === undefined) {
		throw new SignerKeyError('SIGNER_KEY is missing: it is required with PostgreSQL (no signer.key file is used)');
	}
	return configuredKey;
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
