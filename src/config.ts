import { existsSync } from 'node:fs';
import path from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';

/** Thrown for a missing or invalid variable; its message is the one line start-up prints. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

const snowflake = z.string().regex(/^\d{17,20}$/, 'a Discord ID (17–20 digits)');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
	DISCORD_TOKEN: z.string({ error: 'is required: the bot token from the Discord Developer Portal' }).min(1),
	DISCORD_APPLICATION_ID: snowflake.optional(),
	DISCORD_GUILD_ID: snowflake.optional(),
	DATABASE_URL: z
		.string()
		.default('file:./data/pledge.db')
		.refine((v) => /^file:.+/.test(v), 'a SQLite file URL such as file:./data/pledge.db'),
	DISCORD_API_URL: z
		.url({
			protocol: /^https?$/,
			hostname: z.regexes.hostname,
			error: 'an http(s) URL such as http://127.0.0.1:8080/api',
		})
		.optional(),
	MILESTONE_CRON: z
		.string()
		.default('* * * * *')
		.refine((v) => cron.validate(v), 'a cron expression of 5 or 6 fields, e.g. "* * * * *"'),
	GIG_FLAGS_PER_HOUR: z.coerce
		.number({ error: 'a whole number from 1 to 1000' })
		.int('a whole number from 1 to 1000')
		.min(1, 'a whole number from 1 to 1000')
		.max(1000, 'a whole number from 1 to 1000')
		.default(5),
	SIGNER_KEY: z
		.string()
		.regex(/^[0-9a-fA-F]{64}$/, '64 hex characters, 32 bytes (e.g. `openssl rand -hex 32`)')
		.optional(),
	SHARD_COUNT: z.coerce
		.number({ error: 'a whole number from 1 to 65535' })
		.int('a whole number from 1 to 65535')
		.min(1, 'a whole number from 1 to 65535')
		.max(65535, 'a whole number from 1 to 65535')
		.optional(),
	SHARD_IDS: z
		.string()
		.regex(/^\s*\d{1,5}\s*(,\s*\d{1,5}\s*)*$/, 'shard ids separated by commas, e.g. 0,1')
		.transform((v) => [...new Set(v.split(',').map(Number))].sort((a, b) => a - b))
		.optional(),
	LOG_LEVEL: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

export interface Config {
	token: string;
	applicationId: string | undefined;
	guildId: string | undefined;
	/** Absolute path of the SQLite file. */
	databasePath: string;
	/** discord.js REST base without the version (`…/api`), or undefined for Discord itself. */
	apiUrl: string | undefined;
	milestoneCron: string;
	gigFlagsPerHour: number;
	signerKey: string | undefined;
	/** SHARD_COUNT: total gateway shards; undefined = Discord's recommendation. */
	shardCount: number | undefined;
	/** SHARD_IDS: the shards this process runs, ascending; undefined = all of them. */
	shardIds: number[] | undefined;
	logLevel: (typeof LOG_LEVELS)[number];
}

/** Parses the environment once. Empty values count as unset, so a copied `.env.example` works. */
export function parseConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
	const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
	const result = schema.safeParse(present);
	if (!result.success) {
		const issue = result.error.issues[0];
		const name = String(issue?.path[0] ?? 'environment');
		const value = present[name] === undefined ? 'is missing' : 'is invalid';
		const expected = issue?.message.startsWith('is required') ? issue.message : `${value}: expected ${issue?.message}`;
		throw new ConfigError(`${name} ${expected}`);
	}
	const e = result.data;
	const outOfRange = e.SHARD_COUNT === undefined ? undefined : e.SHARD_IDS?.find((id) => id >= (e.SHARD_COUNT ?? 0));
	if (outOfRange !== undefined) {
		throw new ConfigError(`SHARD_IDS is invalid: shard ${outOfRange} is not below SHARD_COUNT (${e.SHARD_COUNT})`);
	}
	return {
		token: e.DISCORD_TOKEN,
		applicationId: e.DISCORD_APPLICATION_ID,
		guildId: e.DISCORD_GUILD_ID,
		databasePath: path.resolve(cwd, e.DATABASE_URL.replace(/^file:(\/\/)?/, '')),
		apiUrl: e.DISCORD_API_URL === undefined ? undefined : normaliseApiUrl(e.DISCORD_API_URL),
		milestoneCron: e.MILESTONE_CRON,
		gigFlagsPerHour: e.GIG_FLAGS_PER_HOUR,
		signerKey: e.SIGNER_KEY,
		shardCount: e.SHARD_COUNT,
		shardIds: e.SHARD_IDS,
		logLevel: e.LOG_LEVEL,
	};
}

/** discord.js appends `/v10` itself: accept `…/api`, `…/api/`, `…/api/v10` alike. */
export function normaliseApiUrl(url: string): string {
	return url.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

/** Reads `.env` from the working directory when present (real environment variables win). */
export function loadDotEnv(cwd = process.cwd()): void {
	const file = path.join(cwd, '.env');
	if (existsSync(file)) process.loadEnvFile(file);
}
