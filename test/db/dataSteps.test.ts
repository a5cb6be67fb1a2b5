// Start-up on a database from before encryption: the data step encrypts the clear rows, re-keys the reporters,
// records itself and the key check, and vacuums, so an outsider finds no clear byte left in any file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { DEFAULT_MIGRATIONS_DIR, migrateDatabase } from '../../src/db/migrate.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import { keyCheckValue, pseudonym, reporterPseudonym } from '../../src/db/pseudonym.js';
import { findSignature } from '../../src/db/signatures.js';
import { createDetailsCipher } from '../../src/privacy/detailsCipher.js';
import { filesHolding } from '../e2e/support/outsider.js';

const KEY = 'a11d000000000000000000000000000000000000000000000000000000000001';
const INIT = '20261129224309_init';

let tmp: string;
beforeEach(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'data-step-test-'));
});
afterEach(() => {
	fs.rmSync(tmp, { recursive: true, force: true });
});

/** Only the first migration: the schema an earlier bot version created. */
function earlierMigrations(): string {
	const dir = path.join(tmp, 'migrations');
	fs.mkdirSync(dir);
	fs.cpSync(path.join(DEFAULT_MIGRATIONS_DIR, INIT), path.join(dir, INIT), { recursive: true });
	fs.copyFileSync(path.join(DEFAULT_MIGRATIONS_DIR, 'migration_lock.toml'), path.join(dir, 'migration_lock.toml'));
	return dir;
}

const CLEAR = [
	{ user: '940000000000000001', name: 'Old Clear Orchestra', city: 'Nogales Sonora', public: 1 },
	{ user: '940000000000000002', name: 'Old Private Duo', city: 'San Ysidro', public: 0 },
];
/** Enough withdrawn rows to free whole pages: their clear bytes sit on the free list, which only a vacuum clears. */
const WITHDRAWN = Array.from({ length: 100 }, (_, i) => ({
	user: `95000000000000${String(1000 + i)}`,
	name: `Withdrawn Long Ago ${i} ${'x'.repeat(60)}`,
	city: `Calexico ${i}`,
}));

/** The database as the earlier version left it: details and a withdrawn row in clear, reporters keyed like signers. */
async function earlierDatabase(file: string): Promise<void> {
	await migrateDatabase({ databasePath: file, migrationsDir: earlierMigrations() });
	const db = new Database(file);
	db.pragma('secure_delete = OFF'); // as the earlier version ran: deleted rows stayed in free space
	const insert = db.prepare(
		'INSERT INTO Signature (signerKey, guildId, artistName, city, public, signedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)',
	);
	for (const s of [...CLEAR, ...WITHDRAWN.map((w) => ({ ...w, public: 1 }))]) {
		insert.run(pseudonym(KEY, s.user), '1', s.name, s.city, s.public, Date.now(), Date.now());
	}
	for (const w of WITHDRAWN) db.prepare('DELETE FROM Signature WHERE signerKey = ?').run(pseudonym(KEY, w.user));
	const flag = db
		.prepare(
			`INSERT INTO GigFlag (guildId, event, venue, date, connection, link, linkKey, eventKey, createdAt)
			 VALUES ('1', 'E', 'V', '2030-01-01', 'aws', 'https://x.test', 'https://x.test', 'e', ?) RETURNING id`,
		)
		.get(Date.now()) as { id: number };
	db.prepare('INSERT INTO GigReport (flagId, reporterKey, createdAt) VALUES (?, ?, ?)').run(
		flag.id,
		pseudonym(KEY, CLEAR[0]?.user ?? ''),
		Date.now(),
	);
	db.close();
}

describe('start-up on a database with clear rows', () => {
	it('encrypts the details, re-keys the reporters and leaves no clear byte in any file', async () => {
		const file = path.join(tmp, 'data', 'pledge.db');
		await earlierDatabase(file);
		for (const text of [CLEAR[0]?.name ?? '', 'Withdrawn Long Ago']) expect(filesHolding(file, text)).not.toEqual([]);

		const prepared = await prepareDatabase({ databasePath: file, configuredKey: KEY });
		expect(prepared.applied).toContain('20261201085021_privacy_meta');
		// A database from before every data step gets each of them, in order: the privacy one first.
		expect(prepared.dataSteps).toEqual(['encrypt_signature_details_and_rekey_reporters', 'tag_signature_cities']);
		for (const s of CLEAR) {
			expect(filesHolding(file, s.name)).toEqual([]);
			expect(filesHolding(file, s.city)).toEqual([]);
		}
		expect(filesHolding(file, 'Withdrawn Long Ago')).toEqual([]);
		expect(filesHolding(file, 'Calexico')).toEqual([]);

		const db = await openDatabase(file, { signerKey: KEY });
		try {
			for (const s of CLEAR) {
				expect(await findSignature(db, pseudonym(KEY, s.user))).toMatchObject({
					artistName: s.name,
					city: s.city,
					public: s.public === 1,
				});
			}
			// Old rows get the keyed city tag /campaign stats groups by: the tag of the city as a new signer would type it.
			const cipher = createDetailsCipher(KEY);
			for (const s of CLEAR) {
				const row = await db.signature.findUniqueOrThrow({ where: { signerKey: pseudonym(KEY, s.user) } });
				expect(row.cityTag).toBe(cipher.cityTag(` ${s.city.toUpperCase()} `));
			}
			const [report] = await db.gigReport.findMany();
			expect(report?.reporterKey).toBe(reporterPseudonym(KEY, CLEAR[0]?.user ?? ''));
			expect(await db.meta.findMany({ orderBy: { key: 'asc' } })).toEqual([
				{ key: 'dataVersion', value: '2' }, // the last of the two steps
				{ key: 'keyCheck', value: keyCheckValue(KEY) },
			]);
		} finally {
			await db.$disconnect();
		}
	});

	it('runs the data step once: a second start changes no row', async () => {
		const file = path.join(tmp, 'pledge.db');
		await earlierDatabase(file);
		await prepareDatabase({ databasePath: file, configuredKey: KEY });
		const rows = () => {
			const db = new Database(file, { readonly: true });
			try {
				return {
					signatures: db.prepare('SELECT * FROM Signature ORDER BY signerKey').all(),
					reports: db.prepare('SELECT * FROM GigReport').all(),
				};
			} finally {
				db.close();
			}
		};
		const before = rows();
		expect(await prepareDatabase({ databasePath: file, configuredKey: KEY })).toMatchObject({
			applied: [],
			dataSteps: [],
		});
		expect(rows()).toEqual(before);
	});
});
