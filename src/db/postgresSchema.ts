// The PostgreSQL schema is the SQLite one with the provider and the client's folder swapped: one schema file per
// provider (Prisma allows one provider per schema), the models written once. `npm run db:migration` rewrites
// prisma/postgres/schema.prisma from prisma/schema.prisma; a test checks the committed copy matches.

const HEADER =
	'// GENERATED from prisma/schema.prisma by `npm run db:migration`: edit that file, not this one.\n' +
	'// PostgreSQL variant (DATABASE_URL=postgresql://…), with its own migrations in prisma/postgres/migrations.\n';

/** The PostgreSQL schema text for a SQLite schema text. Throws if the parts it swaps are not found. */
export function postgresSchemaOf(sqliteSchema: string): string {
	const swaps: [RegExp, string][] = [
		[/(datasource db \{\s*provider\s*=\s*)"sqlite"/, '$1"postgresql"'],
		[/(output\s*=\s*)"\.\.\/src\/generated\/prisma"/, '$1"../../src/generated/prisma-pg"'],
	];
	let text = sqliteSchema;
	for (const [pattern, replacement] of swaps) {
		if (!pattern.test(text)) throw new Error(`prisma/schema.prisma: cannot find ${pattern.source}`);
		text = text.replace(pattern, replacement);
	}
	return HEADER + text;
}
