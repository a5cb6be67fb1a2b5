import { describe, expect, it } from 'vitest';
import { ConfigError, normaliseApiUrl, parseConfig } from '../../src/config.js';

const base = { DISCORD_TOKEN: 'token-value' };

function errorOf(env: Record<string, string>): string {
	try {
		parseConfig(env, '/srv/bot');
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as Error).message;
	}
	throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
	it('applies the documented defaults', () => {
		const config = parseConfig(base, '/srv/bot');
		expect(config).toMatchObject({
			token: 'token-value',
			databasePath: '/srv/bot/data/pledge.db',
			apiUrl: undefined,
			milestoneCron: '* * * * *',
			gigFlagsPerHour: 5,
			signerKey: undefined,
			logLevel: 'info',
		});
	});

	it('reads SHARD_COUNT and SHARD_IDS, and names either in one line when invalid', () => {
		expect(parseConfig(base)).toMatchObject({ shardCount: undefined, shardIds: undefined });
		expect(parseConfig({ ...base, SHARD_COUNT: '4', SHARD_IDS: ' 3, 1,1 ' })).toMatchObject({
			shardCount: 4,
			shardIds: [1, 3],
		});
		expect(parseConfig({ ...base, SHARD_IDS: '0,1' })).toMatchObject({ shardCount: undefined, shardIds: [0, 1] });
		for (const [env, name] of [
			[{ SHARD_COUNT: '0' }, 'SHARD_COUNT'],
			[{ SHARD_COUNT: 'two' }, 'SHARD_COUNT'],
			[{ SHARD_IDS: '0;1' }, 'SHARD_IDS'],
			[{ SHARD_IDS: '-1' }, 'SHARD_IDS'],
			[{ SHARD_COUNT: '2', SHARD_IDS: '0,2' }, 'SHARD_IDS'],
		] as const) {
			const message = errorOf({ ...base, ...env });
			expect(message.startsWith(`${name} is invalid: `)).toBe(true);
			expect(message).not.toContain('\n');
		}
	});

	it('names a missing DISCORD_TOKEN in one line', () => {
		const message = errorOf({});
		expect(message).toMatch(/^DISCORD_TOKEN is required/);
		expect(message).not.toContain('\n');
	});

	it('treats blank values as unset', () => {
		expect(errorOf({ DISCORD_TOKEN: '  ' })).toMatch(/^DISCORD_TOKEN/);
		expect(parseConfig({ ...base, LOG_LEVEL: '' }).logLevel).toBe('info');
	});

	it.each([
		['DISCORD_API_URL', 'not a url'],
		['DISCORD_API_URL', 'ftp://example.com/api'],
		['DATABASE_URL', 'postgres://db/x'],
		['MILESTONE_CRON', 'every minute'],
		['MILESTONE_CRON', '61 * * * *'],
		['GIG_FLAGS_PER_HOUR', '0'],
		['GIG_FLAGS_PER_HOUR', 'five'],
		['SIGNER_KEY', 'short'],
		['SIGNER_KEY', 'not-hex-but-long-enough-0123456789abcdef0123456789abcdef01234567'],
		['SIGNER_KEY', '0123456789abcdef0123456789abcdef'],
		['LOG_LEVEL', 'loud'],
		['DISCORD_GUILD_ID', '12'],
	])('refuses %s=%s, naming the variable and what is expected', (name, value) => {
		const message = errorOf({ ...base, [name]: value });
		expect(message.startsWith(`${name} is invalid: expected`)).toBe(true);
	});

	it('accepts 6-field cron expressions and resolves relative and absolute database files', () => {
		const config = parseConfig({ ...base, MILESTONE_CRON: '*/5 * * * * *', DATABASE_URL: 'file:db/x.db' }, '/srv');
		expect(config.milestoneCron).toBe('*/5 * * * * *');
		expect(config.databasePath).toBe('/srv/db/x.db');
		expect(parseConfig({ ...base, DATABASE_URL: 'file:/var/lib/bot.db' }).databasePath).toBe('/var/lib/bot.db');
	});

	it('normalises the REST base that discord.js expects (no version, no trailing slash)', () => {
		expect(normaliseApiUrl('http://127.0.0.1:5000/api/v10/')).toBe('http://127.0.0.1:5000/api');
		expect(normaliseApiUrl('http://127.0.0.1:5000/api/')).toBe('http://127.0.0.1:5000/api');
		expect(parseConfig({ ...base, DISCORD_API_URL: 'http://localhost:9/api/v10' }).apiUrl).toBe(
			'http://localhost:9/api',
		);
	});
});
