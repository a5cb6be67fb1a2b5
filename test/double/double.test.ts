import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Interaction, TextChannel } from 'discord.js';
import { ChannelType, Client, DiscordAPIError, GatewayIntentBits, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordDouble, SentInteraction } from './index.js';
import { startDiscordDouble } from './index.js';

/** A discord.js client wired to the double; re-identifies without the 5 s identify throttle. */
function clientFor(double: DiscordDouble): Client {
	return new Client({
		intents: [GatewayIntentBits.Guilds],
		rest: { api: double.apiUrl },
		ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
	});
}

/** How long the tiny bot's slow handlers work (what the double's latencies must show). */
const SLOW_MS = 150;
const LATE_MS = 150;

/** A tiny bot: enough behaviour to drive every response path of the double. */
async function answer(interaction: Interaction): Promise<void> {
	if (interaction.isChatInputCommand()) {
		switch (interaction.commandName) {
			case 'ping':
				await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
				return;
			case 'slow':
				// A handler that works for a while after deferring: the edit comes SLOW_MS after the callback.
				await interaction.deferReply();
				await sleep(SLOW_MS);
				await interaction.editReply({ content: 'done' });
				return;
			case 'late-ping':
				// A handler that takes LATE_MS before its first answer.
				await sleep(LATE_MS);
				await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
				return;
			case 'where': {
				const channel = interaction.options.getChannel('target', true);
				const role = interaction.options.getRole('role');
				await interaction.reply({ content: `${channel.name}/${role?.name ?? '-'}/${interaction.guild?.name ?? 'dm'}` });
				return;
			}
			case 'file':
				await interaction.reply({ content: 'here', files: [{ attachment: Buffer.from('hello'), name: 'hello.txt' }] });
				return;
			default:
				return; // 'ignored' and the like: never answered
		}
	}
	if (interaction.isButton() && interaction.customId === 'count') {
		await interaction.update({ content: 'clicked' });
		return;
	}
	if (interaction.isModalSubmit() && interaction.customId === 'pledge') {
		await interaction.reply({ content: `thanks ${interaction.fields.getTextInputValue('artist')}` });
	}
}

describe('Discord double with the real discord.js client', () => {
	let double: DiscordDouble;
	let client: Client;
	let late: SentInteraction;
	const botErrors: unknown[] = [];
	const textChannel = (name: string): TextChannel => {
		const found = client.channels.cache.find(
			(candidate): candidate is TextChannel => candidate.type === ChannelType.GuildText && candidate.name === name,
		);
		if (!found) throw new Error(`no text channel ${name}`);
		return found;
	};

	beforeAll(async () => {
		double = await startDiscordDouble({
			guilds: [
				{
					name: 'Boycott HQ',
					roles: [{ name: 'Organiser', permissions: PermissionFlagsBits.ManageGuild }],
					channels: [
						{ name: 'general' },
						{ name: 'read-only', deniedToBot: PermissionFlagsBits.SendMessages },
						{ name: 'hidden', deniedToBot: PermissionFlagsBits.ViewChannel },
						{ name: 'Stage', type: ChannelType.GuildVoice },
					],
				},
			],
		});
		client = clientFor(double);
		client.on('interactionCreate', (interaction) => {
			answer(interaction).catch((error: unknown) => botErrors.push(error));
		});
		await Promise.all([once(client, 'clientReady'), client.login(double.token)]);
		// Never answered: the last test checks the 3 s deadline on it without waiting 3 s of its own.
		late = double.sendCommand({ name: 'ignored' });
	});

	afterAll(async () => {
		await client?.destroy();
		await double?.close();
	});

	it('logs in: guilds, channels, roles and the bot member are cached', async () => {
		await double.waitForReady();
		const [guildState] = double.guilds;
		if (!guildState) throw new Error('no guild');
		const guild = client.guilds.cache.get(guildState.id);
		expect(guild?.name).toBe('Boycott HQ');
		expect(guild?.channels.cache.map((channel) => channel.name)).toEqual(['general', 'read-only', 'hidden', 'Stage']);
		expect(guild?.roles.cache.map((role) => role.name).sort()).toEqual(['@everyone', 'Organiser', 'Test Bot']);
		expect(guild?.members.me?.id).toBe(double.botUserId);
		expect(client.user?.id).toBe(double.botUserId);
		expect(client.application?.id).toBe(double.applicationId);
		const readOnly = guild?.channels.cache.find((channel) => channel.name === 'read-only');
		const me = guild?.members.me;
		if (!readOnly || !me) throw new Error('missing channel or member');
		expect(readOnly.permissionsFor(me).has(PermissionFlagsBits.SendMessages)).toBe(false);
		expect(readOnly.permissionsFor(me).has(PermissionFlagsBits.ViewChannel)).toBe(true);
		expect(double.identifyCount).toBe(1);
	});

	it('removes a server the bot leaves, and emits guildCreate again when it is added back', async () => {
		await double.waitForReady();
		const joined = once(client, 'guildCreate');
		const state = double.joinGuild({ channels: [{ name: 'lobby', type: 0 }] });
		expect((await joined)[0].id).toBe(state.id);
		const left = once(client, 'guildDelete');
		double.leaveGuild(state.id);
		expect((await left)[0].id).toBe(state.id);
		expect(client.guilds.cache.has(state.id)).toBe(false);
		expect(double.guilds.some((guild) => guild.id === state.id)).toBe(false);
		const again = once(client, 'guildCreate');
		double.joinGuild({ id: state.id, channels: [{ name: 'lobby', type: 0 }] });
		expect((await again)[0].id).toBe(state.id);
	});

	it('sees an ephemeral reply', async () => {
		const sent = double.sendCommand({ name: 'ping' });
		const reply = await double.waitForReply(sent);
		expect(reply).toMatchObject({ type: 4, ephemeral: true, data: { content: 'ok' } });
		// A second acknowledgement is refused as on Discord.
		const again = await fetch(`${double.apiUrl}/v10/interactions/${sent.id}/${sent.token}/callback`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ type: 4, data: { content: 'twice' } }),
		});
		expect(again.status).toBe(400);
		expect(await again.json()).toMatchObject({ code: 40060 });
	});

	it('measures latency from the dispatch to the callback', async () => {
		const started = performance.now();
		const reply = await double.waitForReply(double.sendCommand({ name: 'late-ping' }));
		const seen = performance.now() - started;
		expect(reply.latency).toBeGreaterThanOrEqual(LATE_MS);
		expect(reply.latency).toBeLessThanOrEqual(seen);
		expect(reply.replyLatency).toBe(reply.latency); // answered at once: what the member sees is the callback
	});

	it('follows a deferral to the edit of @original', async () => {
		const sent = double.sendCommand({ name: 'slow' });
		const reply = await double.waitForReply(sent);
		expect(reply).toMatchObject({ type: 5, ephemeral: false, data: { content: 'done' } });
		// The member saw "thinking…" at the callback and the answer only at the edit.
		expect(reply.replyLatency).toBeGreaterThanOrEqual(reply.latency + SLOW_MS);
		const log = double.interactionLog(sent);
		expect(log.callback?.type).toBe(5);
		expect(log.edits).toHaveLength(1);
		const patch = double.requests.find((request) => request.method === 'PATCH' && request.path.includes(sent.token));
		expect(patch?.path).toBe(`/webhooks/${double.applicationId}/${sent.token}/messages/@original`);
		expect(patch?.headers.authorization).toBeUndefined();
	});

	it('resolves channel and role options', async () => {
		const [guild] = double.guilds;
		const general = guild?.channels[0];
		const organiser = guild?.roles.find((role) => role.name === 'Organiser');
		if (!general || !organiser) throw new Error('missing fixtures');
		const sent = double.sendCommand({
			name: 'where',
			options: [
				{ name: 'target', type: 7, value: general.id },
				{ name: 'role', type: 8, value: organiser.id },
			],
		});
		expect((await double.waitForReply(sent)).data.content).toBe('general/Organiser/Boycott HQ');
		const data = sent.payload.data as { resolved: { channels: Record<string, { permissions: string }> } };
		expect(data.resolved.channels[general.id]?.permissions).toMatch(/^\d+$/);
	});

	it('receives files as multipart with payload_json', async () => {
		const sent = double.sendCommand({ name: 'file' });
		const response = await double.waitForResponse(sent);
		expect(response.data?.content).toBe('here');
		expect(response.files.map((file) => [file.name, file.data.toString()])).toEqual([['hello.txt', 'hello']]);
	});

	it('updates the message of a clicked button', async () => {
		const sent = double.clickButton({ customId: 'count' });
		const reply = await double.waitForReply(sent);
		expect(reply).toMatchObject({ type: 7, data: { content: 'clicked' }, ephemeral: false });
	});

	it('reads modal fields', async () => {
		const sent = double.submitModal({ customId: 'pledge', fields: { artist: 'The Mekons' } });
		expect((await double.waitForReply(sent)).data.content).toBe('thanks The Mekons');
		const labelled = double.submitModal({ customId: 'pledge', fields: { artist: 'Low' }, layout: 'label' });
		expect((await double.waitForReply(labelled)).data.content).toBe('thanks Low');
	});

	it('returns the same message for a repeated enforced nonce', async () => {
		const channel = textChannel('general');
		const first = await channel.send({ content: 'once', nonce: 'pledge-42', enforceNonce: true });
		const second = await channel.send({ content: 'once', nonce: 'pledge-42', enforceNonce: true });
		expect(second.id).toBe(first.id);
		expect(double.messages.get(channel.id)?.filter((message) => message.content === 'once')).toHaveLength(1);
	});

	it('makes discord.js retry a 429 and still creates one message', async () => {
		const channel = textChannel('general');
		double.failNext({
			method: 'POST',
			path: /^\/channels\/\d+\/messages$/,
			status: 429,
			body: { retry_after: 0.05, global: false, message: 'You are being rate limited.' },
		});
		const before = double.requests.length;
		await channel.send({ content: 'after 429' });
		const posts = double.requests.slice(before).filter((request) => request.method === 'POST');
		expect(posts.map((request) => request.status)).toEqual([429, 200]);
		expect(double.messages.get(channel.id)?.filter((message) => message.content === 'after 429')).toHaveLength(1);
	});

	it('refuses messages where the bot lacks permissions, as Discord does', async () => {
		await expect(textChannel('read-only').send('no')).rejects.toMatchObject({ code: 50013, status: 403 });
		await expect(textChannel('hidden').send('no')).rejects.toBeInstanceOf(DiscordAPIError);
		await expect(
			client.rest.post('/channels/123456789012345678/messages', { body: { content: 'x' } }),
		).rejects.toMatchObject({
			code: 10003,
		});
	});

	it('resumes after close 4000 and delivers a command sent while disconnected', async () => {
		const resumes = double.resumeCount;
		double.closeGateway(4000);
		const sent = double.sendCommand({ name: 'ping' });
		await double.waitForReady();
		expect((await double.waitForReply(sent)).data.content).toBe('ok');
		expect(double.resumeCount).toBe(resumes + 1);
		expect(double.identifyCount).toBe(1);
	});

	it('resumes after an abnormal close (1006) and after op 7', async () => {
		const resumes = double.resumeCount;
		double.closeGateway(1006);
		await double.waitForReady();
		double.sendReconnect();
		const sent = double.sendCommand({ name: 'ping' });
		await double.waitForReady();
		expect((await double.waitForReply(sent)).ephemeral).toBe(true);
		expect(double.resumeCount).toBe(resumes + 2);
		expect(double.identifyCount).toBe(1);
	});

	it('identifies again after a non-resumable invalid session', async () => {
		double.sendInvalidSession(false);
		await double.waitForReady();
		expect(double.identifyCount).toBe(2);
		expect((await double.waitForReply(double.sendCommand({ name: 'ping' }))).data.content).toBe('ok');
	});

	it('answers REST like Discord: auth, unknown routes, unknown and late interactions', async () => {
		const unauthorized = await fetch(`${double.apiUrl}/v10/users/@me`);
		expect(unauthorized.status).toBe(401);
		expect(await unauthorized.json()).toEqual({ code: 0, message: '401: Unauthorized' });
		const unknown = await fetch(`${double.apiUrl}/v10/nope`, { headers: { authorization: `Bot ${double.token}` } });
		expect(unknown.status).toBe(404);
		expect(double.requests.at(-1)).toMatchObject({ method: 'GET', path: '/nope', status: 404 });
		const callback = (id: string, token: string): Promise<Response> =>
			fetch(`${double.apiUrl}/v10/interactions/${id}/${token}/callback`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ type: 4, data: { content: 'late' } }),
			});
		expect((await (await callback('123456789012345678', 'nope')).json()) as unknown).toMatchObject({ code: 10062 });
		// The condition is time itself: Discord's 3 s deadline on the interaction sent at start-up.
		await sleep(Math.max(0, 3050 - (performance.now() - late.at)));
		const tooLate = await callback(late.id, late.token);
		expect(tooLate.status).toBe(404);
		expect(await tooLate.json()).toMatchObject({ code: 10062 });
		expect(botErrors).toEqual([]);
	});
});

describe('login failures', () => {
	it('rejects a wrong token', async () => {
		const double = await startDiscordDouble();
		const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: double.apiUrl } });
		try {
			await expect(client.login('wrong-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
		} finally {
			await client.destroy();
			await double.close();
		}
	});

	it('rejects privileged intents with 4014', async () => {
		const double = await startDiscordDouble();
		const client = new Client({
			intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
			rest: { api: double.apiUrl },
		});
		try {
			await expect(client.login(double.token)).rejects.toThrow(/disallowed intents/i);
		} finally {
			await client.destroy();
			await double.close();
		}
	});
});
