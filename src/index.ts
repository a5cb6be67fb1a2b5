// Start-up: config → migrate → database → gateway → jobs; graceful shutdown on SIGINT/SIGTERM.
import { createBot } from './bot.js';
import { ConfigError, loadDotEnv, parseConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { MigrationError, migrateDatabase } from './db/migrate.js';
import { resolveSignerKey } from './db/signerKey.js';
import { createLogger, scrub } from './log.js';

/** Start-up failures the operator can fix: one line on stderr, exit 1, no stack trace. */
function fail(message: string): never {
	const secrets = [process.env.DISCORD_TOKEN, process.env.SIGNER_KEY].filter((s): s is string => !!s && s.length >= 8);
	process.stderr.write(`nomusicforice-bot: ${scrub(message, secrets)}\n`);
	process.exit(1);
}

async function main(): Promise<void> {
	const startedAt = performance.now();
	loadDotEnv();
	let config: ReturnType<typeof parseConfig>;
	try {
		config = parseConfig(process.env);
	} catch (error) {
		if (error instanceof ConfigError) fail(error.message);
		throw error;
	}
	const log = createLogger({ level: config.logLevel, secrets: [config.token, config.signerKey] });
	process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));

	let applied: string[];
	try {
		({ applied } = await migrateDatabase({ databasePath: config.databasePath }));
	} catch (error) {
		if (error instanceof MigrationError) fail(error.message);
		throw error;
	}
	if (applied.length > 0) log.info({ applied }, 'database migrated');
	let signerKey: string;
	try {
		signerKey = resolveSignerKey(config.signerKey, config.databasePath);
	} catch (error) {
		fail(error instanceof Error ? error.message : String(error));
	}
	const db = await openDatabase(config.databasePath);
	const bot = createBot({
		token: config.token,
		apiUrl: config.apiUrl,
		db,
		log: createLogger({ level: config.logLevel, secrets: [config.token, signerKey] }),
		signerKey,
		gigFlagsPerHour: config.gigFlagsPerHour,
	});

	let stopping = false;
	const shutdown = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		log.info({ signal }, 'shutting down');
		const forced = setTimeout(() => {
			log.error('shutdown took over 4.5 s; exiting anyway');
			process.exit(1);
		}, 4500);
		forced.unref();
		await bot.stop();
		await db.$disconnect();
		log.info('stopped');
		process.exit(0);
	};
	process.once('SIGINT', () => void shutdown('SIGINT'));
	process.once('SIGTERM', () => void shutdown('SIGTERM'));

	try {
		await bot.start();
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		const status = (error as { status?: unknown }).status;
		if (code === 'TokenInvalid' || status === 401 || (error as Error).message?.includes('4004')) {
			fail('DISCORD_TOKEN was rejected by Discord (authentication failed): check the bot token');
		}
		if (code === 'DisallowedIntents') fail('Discord refused the Guilds intent for this application');
		throw error;
	}
	log.info({ ms: Math.round(performance.now() - startedAt) }, 'ready');
}

main().catch((error: unknown) => {
	fail(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
});
