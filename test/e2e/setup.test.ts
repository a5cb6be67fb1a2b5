// /setup language, /setup alerts and /setup show as an organiser uses them; gig alerts on confirm only.
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { es } from '../../src/i18n/es.js';
import type { ChannelState, GuildState } from '../double/index.js';
import { waitFor } from '../support/waitFor.js';
import { command, type Harness, OPTION, startHarness, str, textOf } from './harness.js';

const MANAGE_GUILD = 1n << 5n;
const EMBED_LINKS = 1n << 14n;

let h: Harness;
let guild: GuildState;
let spanish: GuildState;
let mods: ChannelState;
let alerts: ChannelState;
let noEmbeds: ChannelState;

const admin = { user: { id: '620000000000000001' }, memberPermissions: MANAGE_GUILD };
const channel = (c: ChannelState) => ({ name: 'channel', type: OPTION.channel, value: c.id });
const inGuild = (g: GuildState = guild) => ({ guildId: g.id, ...admin });
let seq = 0;
const member = () => ({ user: { id: `62100000000000${String(1000 + seq++)}` } });

beforeAll(async () => {
	h = await startHarness({
		guilds: [
			{
				channels: [
					{ name: 'general', type: 0 },
					{ name: 'mods', type: 0 },
					{ name: 'alerts', type: 0 },
					{ name: 'no-embeds', type: 0, deniedToBot: EMBED_LINKS },
				],
			},
			{ channels: [{ name: 'general', type: 0 }], locale: 'es-ES' },
		],
	});
	[guild, spanish] = h.double.guilds as [GuildState, GuildState];
	[, mods, alerts, noEmbeds] = guild.channels as [ChannelState, ChannelState, ChannelState, ChannelState];
});
afterAll(async () => {
	await h?.close();
});

describe('/setup show', () => {
	it('says what is set, what is a default, and which command changes each', async () => {
		const shown = await command(h, 'setup', 'show', [], inGuild(spanish));
		expect(shown.ephemeral).toBe(true);
		const text = textOf(shown.data);
		expect(text).toContain('⚠️ Announcement channel: not set');
		expect(text).toContain('Change with /setup announcements');
		expect(text).toContain('Milestones: 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000 (default)');
		expect(text).toContain('Change with /setup milestones');
		expect(text).toContain('⚠️ Gig alerts channel: not set');
		expect(text).toContain('Change with /setup alerts');
		// No /setup language yet: the server's Discord locale decides, and it says so.
		expect(text).toContain('Spanish, the server’s language in Discord (default)');
		expect(text).toContain('Change with /setup language');
	});

	it('names what the bot is missing in a channel, as Discord names it, and how to grant it', async () => {
		await h.db.guildSettings.upsert({
			where: { guildId: guild.id },
			create: { guildId: guild.id, moderationChannelId: noEmbeds.id },
			update: { moderationChannelId: noEmbeds.id },
		});
		const text = textOf((await command(h, 'setup', 'show', [], inGuild())).data);
		expect(text).toContain(`⚠️ Moderation channel: <#${noEmbeds.id}>`);
		expect(text).toContain('The bot is missing Embed Links here');
		expect(text).toContain('Edit Channel → Permissions');
	});
});

describe('/setup language', () => {
	it('stores the language of the server’s posts, audited, and /setup show reports it', async () => {
		const saved = await command(h, 'setup', 'language', [str('language', 'es')], inGuild());
		expect(saved.ephemeral).toBe(true);
		expect(saved.data.content).toContain('will be in Spanish');
		expect((await h.db.guildSettings.findUniqueOrThrow({ where: { guildId: guild.id } })).language).toBe('es');
		expect(await h.db.auditEntry.count({ where: { guildId: guild.id, action: 'setup.language' } })).toBe(1);
		const text = textOf((await command(h, 'setup', 'show', [], inGuild())).data);
		expect(text).toContain('Language of the bot’s posts: Spanish\n');
		await command(h, 'setup', 'language', [str('language', 'en')], inGuild());
	});

	it('refuses a language it does not speak, naming the option', async () => {
		const refused = await command(h, 'setup', 'language', [str('language', 'fr')], inGuild());
		expect(refused.ephemeral).toBe(true);
		expect(refused.data.content).toContain('`language` is invalid');
	});
});

describe('gig alerts', () => {
	const flag = (event: string, link: string) =>
		command(
			h,
			'gig',
			'flag',
			[
				str('event', event),
				str('venue', 'Main Stage, Phoenix'),
				str('date', new Date(Date.now() + 86_400_000 * 20).toISOString().slice(0, 10)),
				str('connection', 'twitch'),
				str('link', link),
			],
			{ guildId: guild.id, ...member() },
		);
	const posted = () => h.double.messages.get(alerts.id) ?? [];
	const review = async (customId: string, fields?: Record<string, string>) => {
		const args = { guildId: guild.id, channelId: mods.id, customId, ...admin };
		return h.double.waitForReply(fields ? h.double.submitModal({ ...args, fields }) : h.double.clickButton(args));
	};

	it('are set with /setup alerts and shown by /setup show', async () => {
		const saved = await command(h, 'setup', 'alerts', [channel(alerts)], inGuild());
		expect(saved.ephemeral).toBe(true);
		expect(saved.data.content).toContain(`announced in <#${alerts.id}>`);
		expect(textOf((await command(h, 'setup', 'show', [], inGuild())).data)).toContain(
			`✅ Gig alerts channel: <#${alerts.id}>`,
		);
	});

	it('announce a confirmed gig once, with its event, venue, connection and evidence host; never a pending one', async () => {
		await command(h, 'setup', 'moderation', [channel(mods)], inGuild());
		await flag('Sponsored Fest', 'https://tickets.example.org/sponsored-fest');
		const row = await h.db.gigFlag.findFirstOrThrow({ where: { event: 'Sponsored Fest' } });
		expect(posted()).toHaveLength(0);
		await review(`gig-confirm:v1:${row.id}`);
		await waitFor(() => posted().length === 1, 'the post');
		const text = textOf(posted()[0] as APIMessage);
		expect(text).toContain('Sponsored Fest');
		expect(text).toContain('Main Stage, Phoenix');
		expect(text).toContain('Twitch');
		expect(text).toContain('tickets.example.org');
		expect(text).not.toContain('/sponsored-fest');
	});

	it('never announce a rejected gig', async () => {
		const before = posted().length;
		await flag('Local Brewery Night', 'https://example.org/brewery');
		const row = await h.db.gigFlag.findFirstOrThrow({ where: { event: 'Local Brewery Night' } });
		await review(`gig-reject-reason:v1:${row.id}`, { reason: 'The sponsor is a local brewery.' });
		expect((await h.db.gigFlag.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('rejected');
		// Something posted after the rejection shows that any alert for it would have arrived by now.
		await flag('Later Fest', 'https://example.org/later');
		const later = await h.db.gigFlag.findFirstOrThrow({ where: { event: 'Later Fest' } });
		await review(`gig-confirm:v1:${later.id}`);
		await waitFor(() => posted().length === before + 1, 'the post');
		expect(textOf(posted().at(-1) as APIMessage)).toContain('Later Fest');
		expect(posted().some((m) => textOf(m).includes('Local Brewery Night'))).toBe(false);
	});

	it('are posted in the language /setup language chose, whatever the server’s Discord locale', async () => {
		await command(h, 'setup', 'language', [str('language', 'es')], inGuild());
		await flag('Festival de Prueba', 'https://example.org/prueba');
		const row = await h.db.gigFlag.findFirstOrThrow({ where: { event: 'Festival de Prueba' } });
		await review(`gig-confirm:v1:${row.id}`);
		const alert = await waitFor(
			() => posted().find((m) => m.embeds[0]?.title === es.gig.alertTitle('Festival de Prueba')),
			'the alert, in Spanish',
		);
		expect(textOf(alert)).toContain(es.gig.fields.venue);
		await command(h, 'setup', 'language', [str('language', 'en')], inGuild());
	});
});
