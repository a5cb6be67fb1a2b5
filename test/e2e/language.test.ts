import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { es } from '../../src/i18n/es.js';
import { runMilestoneTick } from '../../src/jobs/milestones.js';
import type { ChannelState, GuildState } from '../double/index.js';
import { waitFor } from '../support/waitFor.js';
import { command, type Harness, OPTION, startHarness, str, textOf } from './harness.js';

// Answers follow the member's Discord language (interaction.locale): es-* → Spanish, anything else → English.
let h: Harness;
let guild: GuildState;
let spanishServer: GuildState;
let muted: ChannelState;

const member = (id: string, locale: string) => ({ user: { id }, locale });
const admin = (locale: string) => ({
	user: { id: '700000000000000099' },
	memberPermissions: PermissionFlagsBits.ManageGuild,
	locale,
});

beforeAll(async () => {
	h = await startHarness({
		guilds: [
			{
				channels: [
					{ name: 'general', type: 0 },
					{ name: 'muted', type: 0, deniedToBot: PermissionFlagsBits.SendMessages },
				],
			},
			{ locale: 'es-419' },
		],
	});
	[guild, spanishServer] = h.double.guilds as [GuildState, GuildState];
	muted = guild.channels[1] as ChannelState;
});
afterAll(async () => {
	await h?.close();
});

describe('the member’s language', () => {
	it.each(['es-ES', 'es-419'])('answers a member whose Discord is in %s in Spanish', async (locale) => {
		const id = locale === 'es-ES' ? '700000000000000001' : '700000000000000002';
		const reply = await command(h, 'pledge', 'sign', [str('city', 'Ciudad de México')], member(id, locale));
		const text = textOf(reply.data);
		expect(text).toContain('Has firmado el compromiso');
		expect(text).toContain('Firmas en total:');
		expect(text).toContain('`/compromiso retirar`');
		expect(text).toContain('Visible en la lista de firmantes: No');
		expect(text).not.toMatch(/signed|Signers/);
	});

	it('answers every other locale in English', async () => {
		for (const [i, locale] of ['en-GB', 'fr', 'pt-BR'].entries()) {
			const reply = await command(h, 'pledge', 'status', [], member(`70000000000000001${i}`, locale));
			expect(textOf(reply.data)).toContain('You have not signed');
		}
	});

	it('names the refused option as a Spanish-speaking member’s Discord shows it', async () => {
		const reply = await command(
			h,
			'pledge',
			'sign',
			[str('artist_name', 'x'.repeat(101))],
			member('700000000000000003', 'es-419'),
		);
		expect(reply.ephemeral).toBe(true);
		expect(reply.data.content).toBe('`nombre_artistico` es demasiado largo: como máximo 100 caracteres.');
	});

	it('names missing permissions as Discord’s Spanish settings do, with the steps to grant them', async () => {
		const reply = await command(
			h,
			'setup',
			'moderation',
			[{ name: 'channel', type: OPTION.channel, value: muted.id }],
			{ guildId: guild.id, ...admin('es-ES') },
		);
		expect(reply.data.content).toContain('necesita Enviar mensajes');
		expect(reply.data.content).toContain('Editar canal → Permisos');
		expect(reply.data.content).toContain('Ajustes del servidor → Roles');
	});

	it('shows /setup show in Spanish, with defaults marked and the Spanish command for each', async () => {
		const reply = await command(h, 'setup', 'show', [], { guildId: guild.id, ...admin('es-419') });
		const text = textOf(reply.data);
		expect(text).toContain('Configuración de este servidor');
		expect(text).toContain('(por defecto)');
		expect(text).toContain('Se cambia con /configurar anuncios');
		expect(text).toContain('Se cambia con /configurar metas');
	});

	it('gives the four demands in Spanish, faithful to the letter', async () => {
		const reply = await command(h, 'demands', undefined, [], member('700000000000000004', 'es-ES'));
		const text = textOf(reply.data);
		expect(text).toContain('ICE, CBP, ORR');
		expect(text).toContain('Palantir');
		expect(text).toContain('reconocimiento facial');
		expect(text).toContain('Demanda 4');
	});

	it('shows a server’s Discord language as the default language of its posts', async () => {
		const reply = await command(h, 'setup', 'show', [], { guildId: spanishServer.id, ...admin('en-US') });
		expect(textOf(reply.data)).toContain(
			'Language of the bot’s posts: Spanish, the server’s language in Discord (default)\n-# Change with /setup language',
		);
		const home = await command(h, 'setup', 'show', [], { guildId: guild.id, ...admin('en-US') });
		expect(textOf(home.data)).toContain(
			'Language of the bot’s posts: English, the server’s language in Discord (default)',
		);
	});
});

describe('a milestone post in Spanish', () => {
	it('celebrates in Spanish, with numbers written the Spanish way and progress counted from zero', async () => {
		const channel = spanishServer.channels[0] as ChannelState;
		const set = await command(
			h,
			'setup',
			'announcements',
			[{ name: 'channel', type: OPTION.channel, value: channel.id }],
			{ guildId: spanishServer.id, ...admin('es-419') },
		);
		expect(set.data.content).toContain('Las metas se publicarán en');
		const before = await h.db.signature.count();
		for (let i = 0; i < 10 - before; i++) {
			await command(h, 'pledge', 'sign', [], {
				guildId: spanishServer.id,
				...member(`70000000000000100${i}`, 'es-ES'),
			});
		}
		// No /setup language: the server's Discord locale (es-419), seen by /setup, decides the language of the post.
		await runMilestoneTick({ db: h.db, rest: h.bot.client.rest, log: h.log });
		const [post] = h.double.messages.get(channel.id) ?? [];
		const embed = post?.embeds[0];
		expect(embed?.title).toBe('¡10 artistas ya han firmado el compromiso!');
		expect(embed?.description).toContain('`/compromiso firmar`');
		expect(embed?.fields).toContainEqual(expect.objectContaining({ name: 'Próxima meta', value: '25 (faltan 15)' }));
		const progress = embed?.fields?.find((f) => f.name === 'Progreso')?.value;
		expect(progress).toBe(`\`${'█'.repeat(8)}${'░'.repeat(12)}\` 10 de 25 (40\u00a0%)`);
	});
});

describe('a Spanish-speaking member and a Spanish server, end to end', () => {
	const spanishMember = member('700000000000000201', 'es-ES');
	const englishModerator = {
		user: { id: '700000000000000202' },
		memberPermissions: PermissionFlagsBits.ManageGuild,
		locale: 'en-US',
	};
	const inSpanishServer = (actor: object) => ({ guildId: spanishServer.id, ...actor });

	it('signs, sees the status and the roster, and withdraws in Spanish', async () => {
		const signed = await command(
			h,
			'pledge',
			'sign',
			[str('artist_name', 'Las Cumbias del Norte'), { name: 'public', type: OPTION.boolean, value: true }],
			inSpanishServer(spanishMember),
		);
		expect(textOf(signed.data)).toContain(es.pledge.signedTitle);
		const status = await command(h, 'pledge', 'status', [], inSpanishServer(spanishMember));
		expect(textOf(status.data)).toContain(es.pledge.statusSignedTitle);
		const roster = await command(h, 'pledge', 'signers', [], inSpanishServer(spanishMember));
		expect(textOf(roster.data)).toContain(es.pledge.signersTitle);
		expect(textOf(roster.data)).toContain('Las Cumbias del Norte');
		const withdrawn = await command(h, 'pledge', 'withdraw', [], inSpanishServer(spanishMember));
		expect(textOf(withdrawn.data)).toContain(es.pledge.withdrawnTitle);
	});

	it('flags a gig in Spanish; the moderation card is in the server’s language whoever reviews it', async () => {
		const mods = spanishServer.channels[0] as ChannelState;
		await command(
			h,
			'setup',
			'moderation',
			[{ name: 'channel', type: OPTION.channel, value: mods.id }],
			inSpanishServer(englishModerator),
		);
		const flagged = await command(
			h,
			'gig',
			'flag',
			[
				str('event', 'Festival Patrocinado'),
				str('venue', 'Foro Sol, Ciudad de México'),
				str('date', new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10)),
				str('connection', 'amazon_music'),
				str('link', 'https://ejemplo.mx/festival'),
			],
			inSpanishServer(spanishMember),
		);
		expect(flagged.ephemeral).toBe(true);
		expect(flagged.data.content).toContain(es.gig.flaggedTitle);
		// The channel also has the server's milestone posts: the card is the message titled in Spanish for this flag.
		const cards = () =>
			(h.double.messages.get(mods.id) ?? []).filter(
				(m) => m.embeds[0]?.title === es.gig.queueTitle('Festival Patrocinado'),
			);
		await waitFor(() => cards().length === 1, 'one message');
		const card = cards()[0];
		const row = await h.db.gigFlag.findFirstOrThrow({ where: { event: 'Festival Patrocinado' } });
		const review = await h.double.waitForReply(
			h.double.clickButton({
				guildId: spanishServer.id,
				channelId: mods.id,
				customId: `gig-confirm:v1:${row.id}`,
				message: card,
				...englishModerator,
			}),
		);
		// The card stays a public post of a Spanish server: Spanish, with the outcome.
		expect(textOf(review.data)).toContain(es.gig.fields.outcome);
		// A refusal to the English-speaking moderator is in English.
		const again = await h.double.waitForReply(
			h.double.clickButton({
				guildId: spanishServer.id,
				channelId: mods.id,
				customId: `gig-confirm:v1:${row.id}`,
				message: card,
				...englishModerator,
			}),
		);
		expect(again.ephemeral).toBe(true);
		expect(again.data.content).toContain('already confirmed');
	});
});
