// Guild ids on a chosen shard: Discord routes a guild to shard (guild_id >> 22) % shard_count.
const EPOCH_OFFSET = 1_300_000_000_000n; // even: shard + n * count keeps the shard

/** A guild id (a valid 19-digit snowflake) that lands on `shard` of `count`; `n` makes several distinct ones. */
export function guildOnShard(shard: number, count: number, n = 0): string {
	return ((EPOCH_OFFSET + BigInt(shard + n * count)) << 22n).toString();
}
