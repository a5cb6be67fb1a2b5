// The message menu "Flag Amazon-linked gig": a modal prefilled with the message's first link, filed as /gig flag.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelState, GuildState, SentInteraction } from '../double/index.js';
import { waitFor } from '../support/waitFor.js';
import { command, type Harness, OPTION, startHarness, str } from './harness.js';

const MANAGE_GUILD = 1n << 5n;
const MENU = 'Flag Amazon-linked gig';

let h: Harness;
let guild: GuildState;
let general: ChannelState;
let mods: ChannelState;
let seq = 0;
const member = () => ({ user: { id: `63000000000000${String(1000 + seq++)}` } });
const inFuture = (days: number) => new Date(h.clock.now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
	h = await startHarness({
		guilds: [
			{
				channels: [
					{ name: 'general', type: 0 },
					{ name: 'mods', type: 0 },
				],
			},
		],
	});
	[guild] = h.double.guilds as [GuildState];
	[general, mods] = guild.channels as [ChannelState, ChannelState];
	await command(h, 'setup', 'moderation', [{ name: 'channel', type: OPTION.channel, value: mods.id }], {
		guildId: guild.id,
		user: { id: '630000000000000001' },
		memberPermissions: MANAGE_GUILD,
	});
});
afterAll(async () => {
	await h?.close();
});
beforeEach(async () => {
	await h.db.gigReport.deleteMany();
	await h.db.gigFlag.deleteMany();
	h.clock.now = new Date(h.clock.now.getTime() + 2 * 3_600_000); // a fresh flood window
});

type TextInput = { custom_id: string; value?: string; max_length?: number; label: string };
const inputsOf = (data: { components?: unknown }) =>
	((data.components ?? []) as { components: TextInput[] }[]).flatMap((row) => row.components);

function openMenu(content: string, actor = member()): SentInteraction {
	return h.double.sendMessageCommand({ name: MENU, content, guildId: guild.id, channelId: general.id, ...actor });
}

function submit(fields: Record<string, string>, actor = member()) {
	return h.double.waitForReply(
		h.double.submitModal({ guildId: guild.id, channelId: general.id, customId: 'flag-modal:v1', fields, ...actor }),
	);
}

const fields = (over: Record<string, string> = {}) => ({
	event: 'Sponsored Summer Fest',
	venue: 'Riverside Park, Austin',
	date: inFuture(40),
	connection: 'Amazon Music',
	link: 'https://lineup.example.com/2027',
	...over,
});

describe('message menu: Flag Amazon-linked gig', () => {
	it('opens a modal of five inputs, the evidence prefilled with the message’s first link', async () => {
		const opened = await h.double.waitForResponse(
			openMenu('Look who sponsors it https://lineup.example.com/2027?src=chat and https://other.example.org'),
		);
		expect(opened.type).toBe(9);
		expect(opened.data?.custom_id).toBe('flag-modal:v1');
		const inputs = inputsOf(opened.data ?? {});
		expect(inputs.map((i) => i.custom_id)).toEqual(['event', 'venue', 'date', 'connection', 'link']);
		expect(inputs.find((i) => i.custom_id === 'link')?.value).toBe('https://lineup.example.com/2027?src=chat');
		expect(inputs.filter((i) => i.custom_id !== 'link').every((i) => i.value === undefined)).toBe(true);
		expect(inputs.every((i) => i.label.length <= 45)).toBe(true);
	});

	it('leaves the evidence empty when the message has no web link', async () => {
		const opened = await h.double.waitForResponse(openMenu('no link here, just ftp://old.example.com'));
		expect(inputsOf(opened.data ?? {}).find((i) => i.custom_id === 'link')?.value).toBeUndefined();
	});

	it('files the flag as /gig flag does: stored, answered privately, posted to the moderators', async () => {
		const before = (h.double.messages.get(mods.id) ?? []).length;
		const reply = await submit(fields());
		expect(reply.ephemeral).toBe(true);
		expect(reply.data.content).toContain('Gig flagged');
		const row = await h.db.gigFlag.findFirstOrThrow();
		expect(row).toMatchObject({ event: 'Sponsored Summer Fest', connection: 'amazon_music', status: 'pending' });
		await waitFor(() => (h.double.messages.get(mods.id) ?? []).length === before + 1, 'the queue post');
		// The same gig again, from another member: a report on the first, as with /gig flag.
		const again = await submit(fields({ connection: 'amazon_music' }));
		expect(again.data.content).toContain('already flagged');
		expect(await h.db.gigFlag.count()).toBe(1);
	});

	it.each([
		[{ date: '2020-01-01' }, 'today or later'],
		[{ link: 'javascript:alert(1)' }, 'web address'],
		[{ connection: 'google' }, '`aws`'],
		[{ event: 'Party with <@123456789012345678>' }, 'never about people'],
		[{ venue: '   ' }, 'cannot be left blank'],
	])('refuses %o privately, saying why, and stores nothing', async (change, why) => {
		const reply = await submit(fields(change));
		expect(reply.ephemeral).toBe(true);
		expect(reply.data.content).toContain(why);
		expect(await h.db.gigFlag.count()).toBe(0);
	});

	it('shares the flood limit with /gig flag', async () => {
		const actor = member();
		for (let i = 0; i < 5; i++) {
			const reply = await command(
				h,
				'gig',
				'flag',
				Object.entries(fields({ event: `Show ${i}`, link: `https://example.com/show-${i}` })).map(([name, value]) =>
					str(name, name === 'connection' ? 'aws' : value),
				),
				{ guildId: guild.id, ...actor },
			);
			expect(reply.data.content).toContain('Gig flagged');
		}
		const refused = await submit(fields({ event: 'Sixth', link: 'https://example.com/sixth' }), actor);
		expect(refused.data.content).toContain('the most allowed');
		expect(await h.db.gigFlag.count()).toBe(5);
	});
});
