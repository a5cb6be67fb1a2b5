import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSignerKey, SignerKeyError } from '../../src/db/signerKey.js';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'signer-key-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

describe('resolveSignerKey', () => {
	it('generates 32 random bytes as hex into signer.key once, leaving no temporary file', () => {
		const db = path.join(dir, 'data', 'pledge.db');
		const key = resolveSignerKey(undefined, db);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(readdirSync(path.join(dir, 'data'))).toEqual(['signer.key']);
		expect(readFileSync(path.join(dir, 'data', 'signer.key'), 'utf8')).toBe(`${key}\n`);
		expect(resolveSignerKey(undefined, db)).toBe(key);
	});

	it('refuses a signer.key that is not 64 hex characters', () => {
		writeFileSync(path.join(dir, 'signer.key'), 'short\n');
		expect(() => resolveSignerKey(undefined, path.join(dir, 'pledge.db'))).toThrow(SignerKeyError);
	});

	it('does not create a key next to an existing database without one', () => {
		const db = path.join(dir, 'pledge.db');
		writeFileSync(db, '');
		expect(() => resolveSignerKey(undefined, db)).toThrow(/signer\.key is missing .*SIGNER_KEY/);
		expect(readdirSync(dir)).toEqual(['pledge.db']);
	});
});
