// /help for members and admins, and the checklist the bot posts once when it joins a server.
import { Routes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/commands/definitions.js';
import type { GuildState } from '../double/index.js';
import { waitFor } from '../support/waitFor.js';
import { command, type Harness, startHarness, textOf } from './harness.js';

const MANAGE_GUILD = 1n << 5n;
const SEND_MESSAGES = 1n << 11n;

let h: Harness;
let guild: GuildState;
let registered: { id: string; name: string }[];

beforeAll(async () => {
	h = await startHarness({ guilds: [{ channels: [{ name: 'general', type: 0 }] }] });
	[guild] = h.double.guilds as [GuildState];
	registered = (await h.bot.client.rest.put(Routes.applicationCommands(h.double.applicationId), {
		body: commandDefinitions,
	})) as { id: string; name: string }[];
});
afterAll(async () => {
	await h?.close();
});

const idOf = (name: string) => registered.find((c) => c.name === name)?.id;

describe('/help', () => {
	it('tells a member what the bot is for, with every command they can use as a clickable mention', async () => {
		const reply = await command(h, 'help', undefined, [], { guildId: guild.id, user: { id: '660000000000000001' } });
		expect(reply.ephemeral).toBe(true);
		const text = textOf(reply.data);
		expect(text).toContain('until it cuts ties with ICE');
		expect(text).toContain(`</pledge sign:${idOf('pledge')}>`);
		expect(text).toContain(`</gig flag:${idOf('gig')}>`);
		expect(text).toContain(`</campaign stats:${idOf('campaign')}>`);
		expect(text).toContain(`</demands:${idOf('demands')}>`);
		expect(text).toContain('Apps → **Flag Amazon-linked gig**');
		// Admin commands and the checklist are for Manage Server only.
		expect(text).not.toContain('</setup');
		expect(text).not.toContain('campaign export');
		expect(reply.data.embeds).toHaveLength(1);
	});

	it('adds the set-up checklist for members with Manage Server', async () => {
		const reply = await command(h, 'help', undefined, [], {
			guildId: guild.id,
			user: { id: '660000000000000002' },
			memberPermissions: MANAGE_GUILD,
		});
		expect(reply.ephemeral).toBe(true);
		expect(reply.data.embeds).toHaveLength(2);
		const text = textOf(reply.data);
		expect(text).toContain(`</setup announcements:${idOf('setup')}>`);
		expect(text).toContain('Set-up checklist');
		expect(text).toContain('⚠️ Announcement channel: not set');
		expect(text).toContain('Change with /setup announcements');
	});
});

describe('joining a server', () => {
	it('posts the checklist once to the system channel, in the server’s language', async () => {
		const joined = h.double.joinGuild({ channels: [{ name: 'bienvenida', type: 0 }], locale: 'es-ES' });
		const system = joined.channels[0]?.id ?? '';
		await waitFor(() => (h.double.messages.get(system) ?? []).length === 1, 'one message');
		const [welcome] = h.double.messages.get(system) ?? [];
		expect(welcome?.content).toContain('¡Gracias por añadir el bot de #NoMusicForIce!');
		expect(textOf(welcome ?? {})).toContain('Lista de configuración');
		expect((await h.db.guildSettings.findUniqueOrThrow({ where: { guildId: joined.id } })).welcomedAt).not.toBeNull();
		// Removed and added again: the rejoin finds the welcome already posted.
		h.double.leaveGuild(joined.id);
		h.double.joinGuild({ id: joined.id, channels: [{ id: system, name: 'bienvenida', type: 0 }] });
		const later = h.double.joinGuild({ channels: [{ name: 'general', type: 0 }] });
		await waitFor(() => (h.double.messages.get(later.channels[0]?.id ?? '') ?? []).length === 1, 'one message');
		expect(h.double.messages.get(system)).toHaveLength(1);
	});

	it('tries again at the next join when Discord refused the welcome, and never posts it twice after a server error', async () => {
		const postTo = (channelId: string) => new RegExp(`^/channels/${channelId}/messages$`);
		const answered = (channelId: string, status: number) =>
			h.double.requests.some((r) => r.method === 'POST' && postTo(channelId).test(r.path) && r.status === status);
		const welcomedAt = async (guildId: string) =>
			(await h.db.guildSettings.findUnique({ where: { guildId } }))?.welcomedAt;

		// Refused (403): nothing was posted, so the claim is given back and the rejoin posts the welcome.
		const refusedId = '770000000000000001';
		const refusedChannel = '770000000000000002';
		h.double.failNext({
			method: 'POST',
			path: postTo(refusedChannel),
			status: 403,
			body: { code: 50013, message: 'Missing Permissions' },
		});
		h.double.joinGuild({ id: refusedId, channels: [{ id: refusedChannel, name: 'general', type: 0 }] });
		await waitFor(
			async () => answered(refusedChannel, 403) && (await welcomedAt(refusedId)) === null,
			'claim given back',
		);
		expect(h.double.messages.get(refusedChannel) ?? []).toEqual([]);
		h.double.leaveGuild(refusedId);
		h.double.joinGuild({ id: refusedId, channels: [{ id: refusedChannel, name: 'general', type: 0 }] });
		await waitFor(() => (h.double.messages.get(refusedChannel) ?? []).length === 1, 'the welcome at the rejoin');
		expect(await welcomedAt(refusedId)).toBeInstanceOf(Date);

		// A server error after discord.js's retries: the post may have gone through, so the claim stays.
		const failedId = '770000000000000003';
		const failedChannel = '770000000000000004';
		h.double.failNext({ method: 'POST', path: postTo(failedChannel), status: 500, times: 4 });
		h.double.joinGuild({ id: failedId, channels: [{ id: failedChannel, name: 'general', type: 0 }] });
		await waitFor(
			() => h.double.requests.filter((r) => postTo(failedChannel).test(r.path) && r.status === 500).length === 4,
			'four server errors',
		);
		h.double.leaveGuild(failedId);
		h.double.joinGuild({ id: failedId, channels: [{ id: failedChannel, name: 'general', type: 0 }] });
		const control = h.double.joinGuild({ channels: [{ name: 'general', type: 0 }] });
		await waitFor(() => (h.double.messages.get(control.channels[0]?.id ?? '') ?? []).length === 1, 'a later welcome');
		expect(await welcomedAt(failedId)).toBeInstanceOf(Date);
		expect(h.double.requests.filter((r) => postTo(failedChannel).test(r.path))).toHaveLength(4);
	});

	it('posts nothing where the bot may not post, and nothing for the servers it was already in', async () => {
		const muted = h.double.joinGuild({ channels: [{ name: 'general', type: 0, deniedToBot: SEND_MESSAGES }] });
		const open = h.double.joinGuild({ channels: [{ name: 'general', type: 0 }] });
		await waitFor(() => (h.double.messages.get(open.channels[0]?.id ?? '') ?? []).length === 1, 'one message');
		expect(h.double.messages.get(muted.channels[0]?.id ?? '') ?? []).toEqual([]);
		expect(h.double.messages.get(guild.channels[0]?.id ?? '') ?? []).toEqual([]);
	});
});
