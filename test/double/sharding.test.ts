// The double behaves as Discord does for shards and message history: a raw gateway client and plain REST calls,
// so what is checked is the double itself, not discord.js.
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { guildOnShard } from '../e2e/support/shards.js';
import { type DiscordDouble, startDiscordDouble } from './index.js';

let double: DiscordDouble | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.terminate();
	await double?.close();
	double = undefined;
});

type Frame = { op: number; t: string | null; d: Record<string, unknown> };

/** A raw gateway connection that keeps every frame it received. */
async function connect(
	d: DiscordDouble,
): Promise<{ socket: WebSocket; frames: Frame[]; next: (t: string) => Promise<Frame> }> {
	const socket = new WebSocket(`${d.gatewayUrl}/?v=10&encoding=json`);
	sockets.push(socket);
	const frames: Frame[] = [];
	const waiters: { t: string; resolve: (f: Frame) => void }[] = [];
	socket.on('message', (data) => {
		const frame = JSON.parse(String(data)) as Frame;
		frames.push(frame);
		for (const w of waiters.filter((w) => w.t === frame.t)) {
			waiters.splice(waiters.indexOf(w), 1);
			w.resolve(frame);
		}
	});
	await once(socket, 'open');
	const next = (t: string) =>
		new Promise<Frame>((resolve) => {
			const seen = frames.find((f) => f.t === t);
			if (seen) resolve(seen);
			else waiters.push({ t, resolve });
		});
	return { socket, frames, next };
}

const identify = (socket: WebSocket, token: string, shard: [number, number]) =>
	socket.send(JSON.stringify({ op: 2, d: { token, intents: 1, properties: {}, shard } }));

const api = (d: DiscordDouble, route: string) =>
	fetch(`${d.apiUrl}/v10${route}`, { headers: { authorization: `Bot ${d.token}` } });

describe('the double: shards', () => {
	it('recommends its shard count and closes an IDENTIFY with fewer shards with 4011, a bad shard with 4010', async () => {
		double = await startDiscordDouble({ shards: 2 });
		expect(((await (await api(double, '/gateway/bot')).json()) as { shards: number }).shards).toBe(2);
		const few = await connect(double);
		identify(few.socket, double.token, [0, 1]);
		const [code] = (await once(few.socket, 'close')) as [number];
		expect(code).toBe(4011);
		const bad = await connect(double);
		identify(bad.socket, double.token, [2, 2]);
		expect(((await once(bad.socket, 'close')) as [number])[0]).toBe(4010);
		expect(double.identifiedShards).toEqual([]);
	});

	it("gives each shard its own guilds and routes a guild's events to shard (guild_id >> 22) % count", async () => {
		const ids = [guildOnShard(0, 2), guildOnShard(1, 2), guildOnShard(0, 2, 1)] as const;
		double = await startDiscordDouble({ shards: 2, guilds: ids.map((id) => ({ id })) });
		const zero = await connect(double);
		identify(zero.socket, double.token, [0, 2]);
		const readyZero = await zero.next('READY');
		expect((readyZero.d.guilds as { id: string }[]).map((g) => g.id)).toEqual([ids[0], ids[2]]);
		// Shard 1 is not connected yet: its guild's interaction waits for it, shard 0 never sees it.
		double.sendCommand({ name: 'demands', guildId: ids[1] });
		const one = await connect(double);
		identify(one.socket, double.token, [1, 2]);
		const readyOne = await one.next('READY');
		expect((readyOne.d.guilds as { id: string }[]).map((g) => g.id)).toEqual([ids[1]]);
		expect((await one.next('INTERACTION_CREATE')).d.guild_id).toBe(ids[1]);
		await double.waitForReady(1000);
		double.sendCommand({ name: 'demands', guildId: ids[2] });
		expect((await zero.next('INTERACTION_CREATE')).d.guild_id).toBe(ids[2]);
		expect(one.frames.filter((f) => f.t === 'INTERACTION_CREATE')).toHaveLength(1);
		expect(zero.frames.filter((f) => f.t === 'INTERACTION_CREATE')).toHaveLength(1);
	});
});

describe('the double: message history and nonces', () => {
	const post = (d: DiscordDouble, channelId: string, body: Record<string, unknown>) =>
		fetch(`${d.apiUrl}/v10/channels/${channelId}/messages`, {
			method: 'POST',
			headers: { authorization: `Bot ${d.token}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		}).then((r) => r.json() as Promise<{ id: string; nonce?: string }>);

	it('lists a channel newest first up to `limit`, without nonces; empty without Read Message History', async () => {
		double = await startDiscordDouble();
		const channel = double.guilds[0]?.channels[0];
		if (!channel) throw new Error('no channel');
		const sent = [];
		for (let i = 0; i < 3; i++) sent.push(await post(double, channel.id, { content: `m${i}`, nonce: `n${i}` }));
		expect(sent[0]?.nonce).toBe('n0'); // the create response echoes it
		const page = (await (await api(double, `/channels/${channel.id}/messages?limit=2`)).json()) as {
			id: string;
			nonce?: string;
		}[];
		expect(page.map((m) => m.id)).toEqual([sent[2]?.id, sent[1]?.id]);
		expect(page.every((m) => m.nonce === undefined)).toBe(true);
		expect((await api(double, `/channels/${channel.id}/messages?limit=101`)).status).toBe(400);
		channel.deniedToBot = 1n << 16n; // Read Message History
		expect(await (await api(double, `/channels/${channel.id}/messages`)).json()).toEqual([]);
	});

	it('deduplicates an enforced nonce within its window only (0: never)', async () => {
		double = await startDiscordDouble({ nonceWindowMs: 0 });
		const channelId = double.guilds[0]?.channels[0]?.id ?? '';
		const body = { content: 'once', nonce: 'same', enforce_nonce: true };
		const [first, second] = [await post(double, channelId, body), await post(double, channelId, body)];
		expect(first.id).not.toBe(second.id);
		await double.close();
		double = await startDiscordDouble();
		const channel2 = double.guilds[0]?.channels[0]?.id ?? '';
		expect((await post(double, channel2, body)).id).toBe((await post(double, channel2, body)).id);
	});
});
