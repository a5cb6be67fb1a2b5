// Start-up: config → signer key → (migrate → data steps → database) while (Discord modules load → gateway) → jobs;
// graceful shutdown on SIGINT/SIGTERM. Only what the database's preparation needs is imported statically, so it
// starts first: the migration engine's wasm compiles on V8's background threads while discord.js loads, and the
// gateway logs in while the migrations run. No handler runs before the database is open (src/bot.ts).
import { type Config, ConfigError, loadDotEnv, parseConfig } from './config.js';
import type { Database } from './db/client.js';
import { MigrationError } from './db/migrate.js';
import { startPreparing } from './db/prepare.js';
import { SignerKeyError } from './db/signerKey.js';
import type { ScheduledJob } from './jobs/milestones.js';
import { scrub } from './log/line.js';

// `npm start` runs node with --liftoff-only (baseline code only for WebAssembly): Prisma's query compiler and the
// migration engine are ~8 MB of wasm, and V8's optimising tier would keep ~45 MB of machine code resident for them,
// for little gain (the hot paths use raw statements). See BENCHMARKS.md.

/** Start-up failures the operator can fix: one line on stderr, exit 1, no stack trace. */
function fail(message: string): never {
	const secrets = [process.env.DISCORD_TOKEN, process.env.SIGNER_KEY].filter((s): s is string => !!s && s.length >= 8);
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

async function main(): Promise<void> {
	const startedAt = performance.now();
	loadDotEnv();
	const config: Config = orFail(() => parseConfig(process.env), ConfigError);
	// Key (checked against the database before anything is written), private files, migrations, data steps.
	const { signerKey, prepared } = orFail(() => startPreparing(config.database, config.signerKey), SignerKeyError);
	// Its failure is reported below, once the logger exists (not an unhandled rejection meanwhile).
	prepared.catch(() => {});
	const [{ createBot }, { createLogger }, { scheduleMilestones }, { ShardingError, unsetBlankShardVariables }] =
		await Promise.all([
			import('./bot.js'),
			import('./log.js'),
			import('./jobs/milestones.js'),
			import('./sharding.js'),
		]);
	unsetBlankShardVariables(process.env);
	const log = createLogger({ level: config.logLevel, secrets: [config.token, signerKey] });
	process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
	const database: Promise<Database> = prepared.then(async ({ applied, dataSteps }) => {
		if (applied.length > 0 || dataSteps.length > 0) log.info({ applied, dataSteps }, 'database migrated');
		// Prisma's client (and its query compiler) loads here, while the gateway may still be logging in.
		const { openDatabase } = await import('./db/client.js');
		return openDatabase(config.database, { signerKey });
	});
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
	const botUserId = bot.client.user?.id;
	job = scheduleMilestones(config.milestoneCron, {
		db,
		rest: bot.client.rest,
		log,
		...(botUserId ? { botUserId } : {}),
	});
	log.info({ ms: Math.round(performance.now() - startedAt) }, 'ready');
}

main().catch((error: unknown) => {
	fail(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
});
