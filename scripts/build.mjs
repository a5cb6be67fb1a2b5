// Runs at `npm ci` (postinstall) and `npm run build`: generates the Prisma clients offline, then compiles.
// Prisma's CLI insists on a native schema engine it would download; generate does not use it, so
// any existing file satisfies the check (set here only, so `prisma migrate status` elsewhere is unaffected).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
// Quiet when it works (npm test builds first); everything the step printed is shown when it fails.
const run = (file, args, env = {}) => {
	const r = spawnSync(process.execPath, [file, ...args], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, ...env },
	});
	if (r.status !== 0) {
		process.stdout.write(r.stdout ?? '');
		process.stderr.write(r.stderr ?? '');
		process.exit(r.status ?? 1);
	}
};

// One client per provider (one provider per schema): SQLite's, and PostgreSQL's from its variant of the schema.
for (const schema of ['prisma/schema.prisma', 'prisma/postgres/schema.prisma']) {
	run(require.resolve('prisma/build/index.js'), ['generate', '--schema', schema], {
		PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
		PRISMA_HIDE_UPDATE_MESSAGE: '1',
		CHECKPOINT_DISABLE: '1',
	});
}
run(require.resolve('typescript/bin/tsc'), ['-p', 'tsconfig.build.json']);
