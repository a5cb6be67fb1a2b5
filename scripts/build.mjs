// Runs at `npm ci` (postinstall) and `npm run build`: generates the Prisma clients offline, then compiles.
// Prisma's CLI insists on a native schema engine it would download; generate does not use it, so
// any existing file satisfies the check (set here only, so `prisma migrate status` elsewhere is unaffected).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
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

// What `npm start` runs: the compiled bot bundled into dist/bot/ (one file and the chunks loaded later: PostgreSQL,
// charts, CSV). Node resolves, reads and compiles ~500 files of discord.js, undici, zod, … at every start otherwise
// (~250 ms of a start-up, BENCHMARKS.md). Packages with native code or WebAssembly stay in node_modules. Bundled
// CommonJS calls `require`, which an ES module lacks: the banner gives it Node's own, for this file's location.
const { buildSync } = require('esbuild');
rmSync(path.join(root, 'dist/bot'), { recursive: true, force: true }); // chunk names change with their content
buildSync({
	entryPoints: [path.join(root, 'dist/src/index.js')],
	outdir: path.join(root, 'dist/bot'),
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	// Class names kept: discord.js picks each cache's limit by its manager's class name (src/client.ts), and esbuild
	// would otherwise rename colliding classes (ChannelManager → ChannelManager2: the channel cache unlimited).
	keepNames: true,
	external: ['better-sqlite3', '@prisma/*', 'pg', '@napi-rs/canvas', 'zlib-sync', 'bufferutil', 'utf-8-validate'],
	banner: {
		js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
