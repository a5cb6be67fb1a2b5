// Privacy of what members type, end to end: names shown inert on the public roster, mention syntax refused at
// signing, and logs that hold no name, city or token when Discord refuses a reply or a milestone post fails.
// (Every e2e file's logs are also checked after the file by test/setup/noLeaks.ts.)
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogueFor } from '../../src/i18n/index.js';
import { runMilestoneTick } from '../../src/jobs/milestones.js';
import { MAX_LINE_BYTES } from '../../src/log/line.js';
import type { GuildState } from '../double/index.js';
import { waitFor } from '../support/waitFor.js';
import { bool, command, type Harness, OPTION, startHarness, str, textOf } from './harness.js';

const open: Harness[] = [];
afterEach(async () => {
	for (const h of open.splice(0)) await h.close();
});
async function harness(): Promise<Harness> {
	const h = await startHarness();
	open.push(h);
	return h;
}

let seq = 0;
const member = (extra: { username?: string; global_name?: string } = {}) => ({
	user: { id: `5${String(Date.now()).slice(-8)}${String(1_000_000_000 + seq++).slice(1)}`, ...extra },
});
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

/** Every character Discord would act on, unless escaped by a backslash (what the reader would see rendered). */
const live = (text: string) => text.replace(/\\[!-/:-@[-`{-~]/g, '');

describe('public names are plain text', () => {
	it('shows mention-like display names, masked links and markdown on the public roster inert', async () => {
		const h = await harness();
		const names = [
			'[Official statement](https://evil.example/login)',
			'**Loud** __under__ ||spoiler|| ~~x~~',
			'# Big -# small',
		];
		for (const name of names)
			await command(h, 'pledge', 'sign', [str('artist_name', name), bool('public', true)], member());
		// A display name is whatever its owner typed: used when a public signer gives no artist name.
		await command(
			h,
			'pledge',
			'sign',
			[bool('public', true)],
			member({ global_name: '<@123456789012345678> <t:0:R>' }),
		);
		const roster = await command(h, 'pledge', 'signers', [], member());
		expect(roster.ephemeral).toBe(false);
		const text = textOf(roster.data);
		// The bot's own markup (the `**n.**` numbers, the signing date) taken out, what is left is the members' text.
		const rendered = live(text)
			.replace(/\*\*\d+\.\*\* /g, '')
			.replace(/<t:\d+:d>/g, '');
		expect(rendered).not.toMatch(/<@|<t:|\]\(|https:\/\/|\|\||~~|__|# /);
		// Each name still reads exactly as typed, once its escapes are read as Discord reads them.
		const visible = text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
		for (const name of [...names, '<@123456789012345678> <t:0:R>']) expect(visible).toContain(name);
	});

	it.each([
		['artist_name', '<@123456789012345678>'],
		['artist_name', 'DJ <@&123456789012345678>'],
		['city', '<#123456789012345678>'],
		['city', '</pledge withdraw:123456789012345678>'],
		['artist_name', 'since <t:1700000000:R>'],
	])('refuses %s %s at signing with a clear ephemeral message, and records nothing', async (option, value) => {
		const h = await harness();
		const who = member();
		const reply = await command(h, 'pledge', 'sign', [str(option, value)], who);
		expect(reply.ephemeral).toBe(true);
		expect(reply.data.content).toBe(`\`${option}\` is invalid: ${catalogueFor('en-US').errors.expected.plainText}.`);
		const status = await command(h, 'pledge', 'status', [], who);
		expect(textOf(status.data)).not.toContain('You have signed the pledge');
	});
});

describe('evidence links are canonical', () => {
	it('stores and shows a look-alike or mention-carrying link as the parser reads it, its host beside it', async () => {
		const h = await harness();
		const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
		const options = { event: 'Prime Day Live', venue: 'Pier 17', date: future, connection: 'aws' };
		const reply = await command(
			h,
			'gig',
			'flag',
			[
				...Object.entries(options).map(([name, value]) => str(name, value)),
				str('link', 'https://аmazon.com/<@123456789012345678>'),
			],
			member(),
		);
		expect(reply.ephemeral).toBe(true);
		const canonical = 'https://xn--mazon-3ve.com/%3C@123456789012345678%3E';
		expect(textOf(reply.data)).toContain(`xn\\-\\-mazon\\-3ve.com · ${canonical}`);
		expect(textOf(reply.data)).not.toContain('<@');
		expect(await h.db.gigFlag.findFirst({ select: { link: true } })).toEqual({ link: canonical });
	});
});

describe('logs that leak nothing', () => {
	const NAME = 'Ana Tijoux Privada';
	const CITY = 'Valparaíso Secreto';

	it.each([
		[404, { code: 10062, message: 'Unknown interaction' }],
		[
			400,
			{ code: 50035, message: 'Invalid Form Body', errors: { data: { _errors: [{ code: 'X', message: 'bad' }] } } },
		],
	])('logs a reply refused with %i without the name, city, token or user id', async (status, body) => {
		const h = await harness();
		const who = member({ username: 'privatesigner' });
		h.double.failNext({ method: 'POST', path: CALLBACK, status, body });
		const sent = h.double.sendCommand({
			name: 'pledge',
			subcommand: 'sign',
			options: [str('artist_name', NAME), str('city', CITY)],
			...who,
		});
		await waitFor(
			() => h.logs.find((l) => l.interactionId === sent.id && Number(l.level) >= 40),
			'a warning logged for the interaction',
		);
		const logged = h.logs.filter((l) => l.interactionId === sent.id);
		const err = logged.find((l) => l.err !== undefined)?.err;
		expect(err).toMatchObject({ code: body.code, status, method: 'POST', route: '/interactions/:id/:token/callback' });
		const text = JSON.stringify(h.logs);
		for (const secret of [NAME, CITY, sent.token, who.user.id, 'privatesigner']) expect(text).not.toContain(secret);
		expect(text).not.toContain('requestBody');
	});

	it('logs a failed milestone post without the PNG, every line within 8 KB', async () => {
		const h = await harness();
		const guild = h.double.guilds[0] as GuildState;
		const channel = guild.channels.find((c) => c.type === 0);
		if (!channel) throw new Error('no text channel');
		const admin = { ...member(), memberPermissions: PermissionFlagsBits.ManageGuild };
		await command(h, 'setup', 'announcements', [{ name: 'channel', type: OPTION.channel, value: channel.id }], admin);
		await command(h, 'setup', 'milestones', [str('thresholds', '1')], admin);
		await command(h, 'pledge', 'sign', [str('city', CITY)], member());
		h.double.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500, times: 4 });
		const report = await runMilestoneTick({ db: h.db, rest: h.bot.client.rest, log: h.log });
		expect(report.retry).toEqual([{ guildId: guild.id, threshold: 1 }]);
		const posted = h.double.requests.filter(
			(r) => r.method === 'POST' && r.path === `/channels/${channel.id}/messages`,
		);
		expect(posted[0]?.files[0]?.data.length).toBeGreaterThan(10_000); // the picture was sent, so it could have leaked
		const failure = h.logs.find((l) => l.msg === 'milestone post failed; the next tick retries it');
		expect(failure?.err).toMatchObject({ type: 'HTTPError', status: 500, route: '/channels/:id/messages' });
		const line = JSON.stringify(failure);
		expect(Buffer.byteLength(line)).toBeLessThan(4096);
		expect(line).not.toMatch(/iVBORw0KGgo|"data":|"files"/); // no PNG, base64 or bytes
		for (const l of h.logs) expect(Buffer.byteLength(JSON.stringify(l))).toBeLessThanOrEqual(MAX_LINE_BYTES);
	});
});
