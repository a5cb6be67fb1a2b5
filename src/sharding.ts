// Which gateway shards this process runs. discord.js's own sharding (@discordjs/ws, its simple strategy: every
// shard in this process) does the work; this module only turns SHARD_COUNT / SHARD_IDS into its options.
import type { REST } from '@discordjs/rest';
import { type RESTGetAPIGatewayBotResult, Routes } from 'discord.js';

export interface Sharding {
	/** Total shards; undefined: Discord's recommendation (`GET /gateway/bot`). */
	shardCount?: number | undefined;
	/** Shards run here; undefined: all of them. */
	shardIds?: number[] | undefined;
}

/** Thrown when the shards asked for do not exist; its message is the one line start-up prints. */
export class ShardingError extends Error {
	override name = 'ShardingError';
}

/**
 * The discord.js `shards`/`shardCount` options. Always explicit: left at their defaults, discord.js reads `SHARDS`
 * and `SHARD_COUNT` from the environment itself. `'auto'` asks @discordjs/ws to use Discord's recommendation.
 * With ids but no count, the count is Discord's recommendation, known only once fetched (`resolveShardCount`).
 */
export function shardOptions(sharding: Sharding): { shards: number[] | 'auto'; shardCount?: number } {
	const { shardCount, shardIds } = sharding;
	if (shardCount === undefined) return shardIds === undefined ? { shards: 'auto' } : { shards: shardIds };
	return { shards: shardIds ?? Array.from({ length: shardCount }, (_, id) => id), shardCount };
}

/** Discord's recommended shard count, checked against the ids asked for. */
export async function resolveShardCount(rest: REST, shardIds: number[]): Promise<number> {
	const { shards } = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
	const outOfRange = shardIds.find((id) => id >= shards);
	if (outOfRange !== undefined) {
		throw new ShardingError(
			`SHARD_IDS is invalid: shard ${outOfRange} is not below Discord's recommended shard count (${shards}); set SHARD_COUNT`,
		);
	}
	return shards;
}

/**
 * discord.js reads `SHARD_COUNT` from the environment itself when its `shardCount` option is the default (1), and
 * takes a blank one (unset, by this project's rule: a copied `.env.example`) as 0, which it refuses. Blank values of
 * the variables it reads are removed before the client is made; set ones agree with the options given.
 */
export function unsetBlankShardVariables(env: NodeJS.ProcessEnv): void {
	for (const name of ['SHARD_COUNT', 'SHARDS']) if (env[name]?.trim() === '') delete env[name];
}
