import { defineConfig } from 'prisma/config';

// Used by the prisma CLI (generate; migrate status on a connected machine).
// The bot itself migrates at start-up with src/db/migrate.ts.
export default defineConfig({
	schema: 'prisma/schema.prisma',
	migrations: { path: 'prisma/migrations' },
	datasource: { url: process.env.DATABASE_URL ?? 'file:./data/pledge.db' },
});
