// The start-up's database preparation on a worker thread (src/db/prepareOnWorker.ts), run from the built worker
// (npm test builds first), as the bot runs it.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError } from '../../src/db/errors.js';
import { DEFAULT_MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import { startPreparationWorker, startPreparingOnWorker } from '../../src/db/prepareOnWorker.js';
import { SignerKeyError } from '../../src/db/signerKey.js';

const WORKER = pathToFileURL(path.resolve(import.meta.dirname, '../../dist/src/db/prepareWorker.js'));
const KEY = 'c0c0000000000000000000000000000000000000000000000000000000000001';
const OTHER_KEY = 'c0c0000000000000000000000000000000000000000000000000000000000002';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'prepare-worker-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

const onWorker = (file: string, key: string | undefined) =>
	startPreparingOnWorker({ provider: 'sqlite', path: file }, key, startPreparationWorker(WORKER));

describe('startPreparingOnWorker', () => {
	it('migrates a new database on the worker and answers what was applied', async () => {
		const file = path.join(dir, 'data', 'pledge.db');
		const { signerKey, prepared } = onWorker(file, KEY);
		expect(signerKey).toBe(KEY);
		const folders = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name)
			.sort();
		await expect(prepared).resolves.toMatchObject({ signerKey: KEY, applied: folders });
		// Done: a second preparation finds nothing to do.
		await expect(onWorker(file, KEY).prepared).resolves.toMatchObject({ applied: [], dataSteps: [] });
	});

	it('rejects with the kind start-up reports as one line: SignerKeyError for another key', async () => {
		const file = path.join(dir, 'data', 'pledge.db');
		await prepareDatabase({ databasePath: file, configuredKey: KEY });
		const error = await onWorker(file, OTHER_KEY).prepared.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SignerKeyError);
		expect((error as Error).message).toMatch(/^SIGNER_KEY is not the key of the database/);
	});

	it('rejects with MigrationError for a history it must refuse (an applied migration edited)', async () => {
		const file = path.join(dir, 'data', 'pledge.db');
		await prepareDatabase({ databasePath: file, configuredKey: KEY });
		const db = new Database(file);
		db.prepare("UPDATE _prisma_migrations SET checksum = 'edited' WHERE migration_name = ?").run(
			readdirSync(DEFAULT_MIGRATIONS_DIR).sort()[0],
		);
		db.close();
		const error = await onWorker(file, KEY).prepared.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(MigrationError);
		expect((error as Error).message).toMatch(/was edited after it was applied/);
	});
});
