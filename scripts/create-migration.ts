// `npm run db:migration -- <name>`: writes prisma/migrations/<UTC timestamp>_<name>/migration.sql for the
// schema changes since the last migration, and the same change for PostgreSQL in prisma/postgres/ (its schema
// rewritten from prisma/schema.prisma, its migration under the same folder name). Offline: `prisma migrate dev`
// needs a native engine.
import path from 'node:path';
import { createMigration, createPostgresMigration } from '../src/db/migrate.js';

const args = process.argv.slice(2);
try {
	const [name] = args;
	if (name === undefined || args.length !== 1) throw new Error('Usage: npm run db:migration -- <name>');
	const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
	const dirs = [await createMigration(name, { stamp }), await createPostgresMigration(name, { stamp })];
	const created = dirs.filter((dir): dir is string => dir !== null);
	for (const dir of created) console.log(`Created ${path.relative(process.cwd(), dir) || dir}`);
	if (created.length === 0) console.log('No schema changes: nothing to create');
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
}
