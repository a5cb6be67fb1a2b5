import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA_PATH, POSTGRES_SCHEMA_PATH } from '../../src/db/migrate.js';
import { postgresSchemaOf } from '../../src/db/postgresSchema.js';

describe('the PostgreSQL schema', () => {
	it('is the SQLite schema with the provider and the client folder swapped (run npm run db:migration after a change)', () => {
		const sqlite = fs.readFileSync(DEFAULT_SCHEMA_PATH, 'utf8');
		const postgres = postgresSchemaOf(sqlite);
		expect(fs.readFileSync(POSTGRES_SCHEMA_PATH, 'utf8')).toBe(postgres);
		expect(postgres).toContain('provider = "postgresql"');
		expect(postgres).toContain('output                 = "../../src/generated/prisma-pg"');
		expect(postgres.replace(/^\/\/ .*\n/gm, '')).toBe(
			sqlite
				.replace(/^\/\/ .*\n/gm, '')
				.replace('"sqlite"', '"postgresql"')
				.replace('"../src/generated/prisma"', '"../../src/generated/prisma-pg"'),
		);
	});

	it('refuses a schema whose provider it cannot find', () => {
		expect(() => postgresSchemaOf('datasource db {\n  provider = "mysql"\n}\n')).toThrow(/cannot find/);
	});
});
