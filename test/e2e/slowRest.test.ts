// Discord answering slowly: every REST call but the interaction callback takes 900 ms. Every command must still
// give Discord its first answer within 3 s (defer where the handler awaits REST) and then complete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandSpecs } from '../../src/commands/definitions.js';
import type { ChannelState, GuildState } from '../double/index.js';
import { bool, type command, type Harness, OPTION, startHarness, str, textOf } from './harness.js';

const MANAGE_GUILD = 1n << 5n;
const SLOW_MS = 900;

let h: Harness;
let guild: GuildState;
let text: ChannelState;

beforeAll(async () => {
	h = await startHarness({ guilds: [{ channels: [{ name: 'general', type: 0 }], roles: [{ name: 'Mods' }] }] });
	[guild] = h.double.guilds as [GuildState];
	[text] = guild.channels as [ChannelState];
	// Interaction callbacks (/interactions/…) keep their speed: Discord's 3 s deadline is about them.
	h.double.delay({ path: /^(?!\/interactions\/).*/, ms: SLOW_MS, times: Number.POSITIVE_INFINITY });
});
afterAll(async () => {
	await h?.close();
});

const admin = { user: { id: '610000000000000001' }, memberPermissions: MANAGE_GUILD };
const channel = () => ({ name: 'channel', type: OPTION.channel, value: text.id });
const today = () => new Date().toISOString().slice(0, 10);

/** One call per declared subcommand: a new subcommand without a line here fails the coverage check below. */
const CALLS: Record<string, () => Parameters<typeof command>[3]> = {
	'pledge sign': () => [str('artist_name', 'Slow Band'), bool('public', true)],
	'pledge status': () => [],
	'pledge signers': () => [],
	'pledge withdraw': () => [],
	'pledge unlist': () => [str('name', 'Slow Band')],
	demands: () => [],
	'gig flag': () => [
		str('event', 'Slow Fest'),
		str('venue', 'Somewhere'),
		str('date', today()),
		str('connection', 'aws'),
		str('link', 'https://example.com/slow'),
	],
	'gig list': () => [],
	'gig review': () => [],
	'setup announcements': () => [channel()],
	'setup moderation': () => [channel()],
	'setup milestones': () => [str('thresholds', '10, 20')],
	'setup language': () => [str('language', 'es')],
	'setup alerts': () => [channel()],
	'setup show': () => [],
	'campaign stats': () => [],
	'campaign export': () => [],
	help: () => [],
};

const declared = commandSpecs.flatMap((spec) =>
	Object.keys(spec.subcommands).map((sub) => [spec.name, sub].filter(Boolean).join(' ')),
);

describe('Discord REST answering slowly (900 ms a call)', () => {
	it('has a call for every declared command', () => {
		expect(Object.keys(CALLS).sort()).toEqual([...declared].sort());
	});

	it.each(declared)('/%s answers before any slow REST call and completes', async (name) => {
		const [commandName, subcommand] = name.split(' ') as [string, string | undefined];
		const options = CALLS[name]?.() ?? [];
		const sent = h.double.sendCommand({
			name: commandName,
			...(subcommand ? { subcommand } : {}),
			options,
			guildId: guild.id,
			...admin,
		});
		const reply = await h.double.waitForReply(sent, 10_000);
		// The first answer never waits for a REST call (those take 900 ms here): a handler that awaits one defers first.
		expect(reply.latency).toBeLessThan(SLOW_MS);
		// …and completes without waiting on one slow call after another (the checks a handler needs run side by side).
		expect(reply.replyLatency).toBeLessThan(6 * SLOW_MS);
		expect(textOf(reply.data)).not.toMatch(/Something went wrong/);
		expect(textOf(reply.data).length).toBeGreaterThan(0);
	});

	it('a refusal after the defer edits the deferred answer, privately, with no follow-up', async () => {
		const sent = h.double.sendCommand({
			name: 'setup',
			subcommand: 'announcements',
			options: [{ name: 'channel', type: OPTION.channel, value: '123456789012345678' }],
			guildId: guild.id,
			...admin,
		});
		const reply = await h.double.waitForReply(sent, 10_000);
		expect(reply.type).toBe(5);
		expect(reply.ephemeral).toBe(true);
		expect(reply.data.content).toBe('That channel is not in this server.');
		expect(h.double.interactionLog(sent).followUps).toEqual([]);
	});
});
