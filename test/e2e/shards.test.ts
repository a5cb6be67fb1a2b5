// Sharding (issue 12): the bot runs the shards Discord recommends, or those SHARD_COUNT / SHARD_IDS name, through
// discord.js's own sharding; the double recommends 2 shards, refuses fewer with 4011 and routes each guild's events
// to shard (guild_id >> 22) % shard_count.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf } from './harness.js';
import { guildOnShard } from './support/shards.js';

let h: Harness | undefined;
afterEach(async () => {
	await h?.close();
	h = undefined;
});

describe('sharding', () => {
	it("runs every shard Discord recommends when SHARD_COUNT and SHARD_IDS are unset, and answers each shard's servers", async () => {
		const guilds = [{ id: guildOnShard(0, 2) }, { id: guildOnShard(1, 2) }];
		h = await startHarness({ shards: 2, guilds });
		expect([...h.double.identifiedShards].sort()).toEqual([
			[0, 2],
			[1, 2],
		]);
		expect(h.bot.client.guilds.cache.map((g) => g.id).sort()).toEqual(guilds.map((g) => g.id).sort());
		for (const { id } of guilds) {
			const reply = await h.double.waitForReply(h.double.sendCommand({ name: 'demands', guildId: id }), 5000);
			expect(textOf(reply.data)).toContain('#NoMusicForIce');
		}
	});
});
