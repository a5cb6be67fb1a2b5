// Start-up: config → signer key → migrations and data steps → Discord modules → login, and while the gateway answers,
// the handlers' modules and the database opened → jobs; graceful shutdown on SIGINT/SIGTERM. No handler runs before
// the database is open (src/bot.ts). `npm start` runs this through src/boot/start.ts (the bundle and its V8 code
// cache); src/index.ts runs it from dist/src.
import path from 'node:path';
import { type Config, ConfigError, loadDotEnv, parseConfig } from './config.js';
import type { Database } from './db/client.js';
import { MigrationError } from './db/errors.js';
import { prepareTarget, startPreparing } from './db/prepare.js';
import { SignerKeyError } from './db/signerKey.js';
import type { ScheduledJob } from './jobs/milestones.js';
import { scrub } from './log/line.js';
import { bufferedStdout } from './log/turnBuffer.js';

// `npm start` runs node with --liftoff-only (baseline code only for WebAssembly): Prisma's query compiler and the
// migration engine are ~8 MB of wasm, and V8's optimising tier would keep ~45 MB of machine code resident for them,
// for little gain (the hot paths use raw statements). See BENCHMARKS.md.

/** Start-up failures the operator can fix: one line on stderr, exit 1, no stack trace. */
function fail(message: string): never {
	const secrets = [process.env.DISCORD_TOKEN, process.env.SIGNER_KEY].filter((s): s is string => !!s && s.length >= 8);
	bufferedStdout().flush(); // the log lines before this one come first
	process.stderr.write(`nomusicforice-bot: ${scrub(message, secrets)}\n`);
	process.exit(1);
}

/** Runs a start-up step whose known failure kinds become one line and exit 1. */
function orFail<T>(step: () => T, ...known: (new (...args: never[]) => Error)[]): T {
	try {
		return step();
	} catch (error) {
		if (known.length === 0 || known.some((kind) => error instanceof kind)) fail((error as Error).message);
		throw error;
	}
}

/** Discord refused the login: wrong token (401 on REST, 4004 on the gateway) or the intent. */
function loginProblem(error: unknown): string | undefined {
	const { code, status, message } = error as { code?: unknown; status?: unknown; message?: string };
	if (code === 'TokenInvalid' || status === 401 || code === 4004 || message?.includes('4004')) {
		return 'DISCORD_TOKEN was rejected by Discord (authentication failed): check the bot token';
	}
	if (code === 'DisallowedIntents' || code === 4014) return 'Discord refused the Guilds intent for this application';
	// @discordjs/ws rejects the login with a plain Error for 4011; discord.js emits shardDisconnect with the code.
	if (code === 4011 || message === 'Sharding is required')
		return 'Discord requires more shards (close code 4011): unset SHARD_COUNT or raise it';
	return undefined;
}

/** How src/boot/start.ts loaded the bundle. */
export interface Boot {
	/** Whether V8's code cache was used, for the "ready" line. */
	codeCache?: string;
}

/** The modules start-up loads before it logs in. */
const loginModules = () => Promise.all([import('./bot.js'), import('./log.js'), import('./sharding.js')] as const);

/**
 * The modules it loads once the login is under way, while the gateway answers: Prisma's client with better-sqlite3,
 * and the milestone job (src/bot.ts loads the handlers' the same way).
 */
const laterModules = () => Promise.all([import('./db/client.js'), import('./jobs/milestones.js')] as const);

export async function main(boot: Boot = {}): Promise<void> {
	const startedAt = performance.now();
	loadDotEnv();
	const config: Config = orFail(() => parseConfig(process.env), ConfigError);
	// Key (checked against the database before anything is written), private files, migrations, data steps.
	const { signerKey, prepared } = orFail(() => startPreparing(config.database, config.signerKey), SignerKeyError);
	// Its failure is reported below, once the logger exists (not an unhandled rejection meanwhile).
	prepared.catch(() => {});
	const [{ createBot }, { createLogger }, { ShardingError, unsetBlankShardVariables }] = await loginModules();
	unsetBlankShardVariables(process.env);
	const log = createLogger({ level: config.logLevel, secrets: [config.token, signerKey] });
	process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
	// The database is opened once it is prepared (its files are created private there) and Prisma's client is loaded.
	// setImmediate: after this turn, in which bot.start() below sends the login (as src/bot.ts loads the handlers').
	const later = new Promise((resolve) => setImmediate(resolve)).then(laterModules);
	const database: Promise<Database> = Promise.all([prepared, later]).then(
		([{ applied, dataSteps }, [{ openDatabase }]]) => {
			if (applied.length > 0 || dataSteps.length > 0) log.info({ applied, dataSteps }, 'database migrated');
			return openDatabase(config.database, { signerKey });
		},
	);
	// A database that cannot be prepared or opened ends start-up at once, with its one line (nothing was posted: no
	// handler runs before it is open).
	database.catch((error: unknown) => {
		if (error instanceof MigrationError || error instanceof SignerKeyError) fail(error.message);
		fail(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
	});
	/** Settles once the preparation is over, so that nothing stops a migration half-way. */
	const databaseSettled = () =>
		database.then(
			(db) => db,
			() => new Promise<never>(() => {}),
		);
	const bot = createBot({
		token: config.token,
		apiUrl: config.apiUrl,
		db: database,
		log,
		signerKey,
		gigFlagsPerHour: config.gigFlagsPerHour,
		sharding: { shardCount: config.shardCount, shardIds: config.shardIds },
	});

	let job: ScheduledJob | undefined;
	let stopping = false;
	/** Stops the job, finishes replies in flight, closes the gateway and the database; `problem` → one line, exit 1. */
	const shutdown = async (signal: string, problem?: string) => {
		if (stopping) return;
		stopping = true;
		log.info({ signal }, 'shutting down');
		const forced = setTimeout(() => {
			log.error('shutdown took over 4.5 s; exiting anyway');
			if (problem) fail(problem);
			process.exit(1);
		}, 4500);
		forced.unref();
		const db = await databaseSettled();
		await job?.stop();
		await bot.stop();
		await db.$disconnect();
		if (problem) fail(problem);
		log.info('stopped');
		process.exit(0);
	};
	process.once('SIGINT', () => void shutdown('SIGINT'));
	process.once('SIGTERM', () => void shutdown('SIGTERM'));
	// Stop instead of running deaf.
	bot.onClosedForGood((code) => {
		const problem = loginProblem({ code }) ?? `the Discord gateway closed the connection for good (code ${code})`;
		void shutdown(`gateway closed ${code}`, problem);
	});

	try {
		await bot.start();
	} catch (error) {
		// A refused login waits for the migrations to finish (or fail, which is then the line printed).
		await databaseSettled();
		const problem = loginProblem(error);
		if (problem) fail(problem);
		if (error instanceof ShardingError) fail(error.message);
		throw error;
	}
	const db = await database;
	const [, { scheduleMilestones }] = await later;
	const botUserId = bot.client.user?.id;
	job = scheduleMilestones(config.milestoneCron, {
		db,
		rest: bot.client.rest,
		log,
		...(botUserId ? { botUserId } : {}),
	});
	log.info({ ms: Math.round(performance.now() - startedAt), codeCache: boot.codeCache ?? 'none' }, 'ready');
}

/** Runs main(); what it throws is one line and exit 1. */
export function run(boot: Boot = {}): void {
	main(boot).catch((error: unknown) => {
		fail(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
	});
}

/**
 * Runs, once at build time, what a start-up runs before its first answer, without Discord: the bot's modules, the
 * preparation of a new database and Prisma's query compiler (a throwaway SQLite file). The functions V8 compiled meanwhile go into the code cache
 * (src/boot/start.ts), so a start-up does not compile them again.
 */
export async function warmUp(): Promise<void> {
	const [[{ loadHandlerModules }], [{ openDatabase }], { mkdtempSync, rmSync }, os, { randomBytes }] =
		await Promise.all([loginModules(), laterModules(), import('node:fs'), import('node:os'), import('node:crypto')]);
	await loadHandlerModules();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'nomusicforice-warm-'));
	try {
		const target = { provider: 'sqlite', path: path.join(dir, 'data', 'warm.db') } as const;
		const { signerKey } = await prepareTarget(target, randomBytes(32).toString('hex'));
		const db = await openDatabase(target, { signerKey });
		await db.$disconnect();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
