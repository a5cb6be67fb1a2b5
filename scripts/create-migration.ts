// `npm run db:migration -- <name>`: writes prisma/migrations/<UTC timestamp>_<name>/migration.sql for the
// schema changes since the last migration (offline; `prisma migrate dev` needs a native engine).
import path from 'node:path';
import { createMigration } from '../src/db/migrate.js';

const args = process.argv.slice(2);
try {
	const [name] = args;
	if (name === undefined || args.length !== 1) throw new Error('Usage: npm run db:migration -- <name>');
	const dir = await createMigration(name);
	console.log(dir ? `Created ${path.relative(process.cwd(), dir) || dir}` : 'No schema changes: nothing to create');
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
}
