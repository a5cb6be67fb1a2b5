// Runs at `npm ci` (postinstall) and `npm run build`: generates the Prisma clients offline, then compiles.
// Prisma's CLI insists on a native schema engine it would download; generate does not use it, so
// any existing file satisfies the check (set here only, so `prisma migrate status` elsewhere is unaffected).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
// Quiet when it works (npm test builds first); everything the step printed is shown when it fails.
const run = (file, args, env = {}, nodeFlags = []) => {
	const r = spawnSync(process.execPath, [...nodeFlags, file, ...args], {
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

// What `npm start` runs: dist/bot/start.cjs (src/boot/start.ts) runs the compiled bot bundled into dist/bot/bot.cjs
// with a V8 code cache made here. Node otherwise resolves, reads and compiles ~500 files of discord.js, undici, zod,
// Prisma, … at every start (BENCHMARKS.md "Start-up"). CommonJS, because vm.Script's code cache is for scripts;
// dynamic imports become lazy requires (V8 refuses a cached script's import()). Packages with native code stay in
// node_modules, and the schema engine's wasm is read from its package. Beside the bundle: PostgreSQL's Prisma client
// (read only by a PostgreSQL start) and the query compilers' wasm (below).
const { build } = require('esbuild');
const bot = path.join(root, 'dist/bot');
rmSync(bot, { recursive: true, force: true });
mkdirSync(bot, { recursive: true });
// A CommonJS bundle has no import.meta: the bundle's own URL stands in (paths are found from dist/bot/).
const script = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	// Class names kept: discord.js picks each cache's limit by its manager's class name (src/client.ts), and esbuild
	// would otherwise rename colliding classes (ChannelManager → ChannelManager2: the channel cache unlimited).
	keepNames: true,
	logLevel: 'warning',
	// ASCII outside comments (esbuild's default, stated): src/boot/codeCache.ts reads the bundle as latin1.
	charset: 'ascii',
	format: 'cjs',
	supported: { 'dynamic-import': false },
	define: { 'import.meta.url': '__bundleUrl' },
	banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
	external: ['better-sqlite3', 'pg', '@napi-rs/canvas', 'zlib-sync', 'bufferutil', 'utf-8-validate'],
};
// Prisma ships each query compiler as a module of one 4.4 MB base64 string, which the generated client decodes and
// compiles on the main thread at the first query. Bundled as such, it is read at every start, kept in memory with the
// bundle's source and copied into the code cache. Instead its bytes are written beside the bundle here, and the
// generated client's loader is replaced by one that compiles that file with WebAssembly.compile: V8 compiles it on
// its background threads, and nothing is base64-encoded or decoded (alone: 24–26 → ~9 ms of main-thread time;
// BENCHMARKS.md rounds 3 and 4). The build fails if the generated loader is not the one expected.
const WASM_LOADER =
	/getQueryCompilerWasmModule: async \(\) => \{\s*const \{ wasm \} = await import\("(@prisma\/client\/runtime\/query_compiler_fast_bg\.(\w+)\.wasm-base64\.mjs)"\);\s*return await decodeBase64AsWasm\(wasm\);\s*\}/;
const queryCompilerFile = {
	name: 'query-compiler-file',
	setup(pluginBuild) {
		pluginBuild.onLoad({ filter: /generated[/\\]prisma(-pg)?[/\\]internal[/\\]class\.js$/ }, async (args) => {
			const source = readFileSync(args.path, 'utf8');
			const loader = WASM_LOADER.exec(source);
			if (!loader) throw new Error(`${args.path}: Prisma's query compiler loader is not the expected one`);
			const [, specifier, provider] = loader;
			const { wasm } = await import(require.resolve(specifier));
			const file = `query_compiler.${provider}.wasm`;
			writeFileSync(path.join(bot, file), Buffer.from(wasm, 'base64'));
			return {
				contents:
					"import { readFileSync as readQueryCompiler } from 'node:fs';\n" +
					source.replace(
						WASM_LOADER,
						`getQueryCompilerWasmModule: () => WebAssembly.compile(readQueryCompiler(new URL('./${file}', import.meta.url)))`,
					),
				loader: 'js',
				resolveDir: path.dirname(args.path),
			};
		});
	},
};
// discord.js is CommonJS: esbuild gives each ES module importing it its own copy of discord.js's 535 exports as getters
// (__toESM), 30 copies at every start (~20 ms: BENCHMARKS.md "Round 4"). Every import of it goes through this one
// module instead, so there is one copy; the importers read the same bindings through it.
const oneDiscordImport = {
	name: 'one-discord-import',
	setup(build) {
		build.onResolve({ filter: /^discord\.js$/ }, (args) =>
			args.namespace === 'discord-facade' ? undefined : { path: 'discord.js', namespace: 'discord-facade' },
		);
		build.onLoad({ filter: /.*/, namespace: 'discord-facade' }, () => ({
			contents: "export * from 'discord.js';",
			resolveDir: root,
			loader: 'js',
		}));
	},
};
const postgresClient = {
	name: 'postgres-client-beside',
	setup(build) {
		build.onResolve({ filter: /generated\/prisma-pg\/client\.js$/ }, () => ({
			path: './prisma-pg.cjs',
			external: true,
		}));
	},
};
await Promise.all([
	build({
		...script,
		entryPoints: [path.join(root, 'dist/src/main.js')],
		outfile: path.join(bot, 'bot.cjs'),
		plugins: [postgresClient, queryCompilerFile, oneDiscordImport],
	}),
	build({
		...script,
		entryPoints: [path.join(root, 'dist/src/generated/prisma-pg/client.js')],
		outfile: path.join(bot, 'prisma-pg.cjs'),
		plugins: [queryCompilerFile],
	}),
	build({ ...script, entryPoints: [path.join(root, 'dist/src/boot/start.js')], outfile: path.join(bot, 'start.cjs') }),
]);

// The code cache, made by node with npm start's own flags and none from NODE_OPTIONS (V8 refuses a cache made under
// other flags), for the bundle as stamped (src/boot/codeCache.ts).
const { startCommand } = await import('../dist/src/boot/startCommand.js');
const { stampBundle } = await import('../dist/src/boot/codeCache.js');
stampBundle(path.join(bot, 'bot.cjs'));
run(path.join(bot, 'start.cjs'), ['--write-code-cache'], { NODE_OPTIONS: '' }, startCommand(root).flags);
