// /campaign stats (public numbers and the chart) and /campaign export (CSV files for organisers).
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import type { GuildState, RecordedRequest, SentInteraction } from '../double/index.js';
import { bool, command, type Harness, startHarness, str, textOf } from './harness.js';

const MANAGE_GUILD = 1n << 5n;
const DAY = 86_400_000;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

let h: Harness;
let guild: GuildState;
let seq = 0;
const member = () => ({ user: { id: `65000000000000${String(1000 + seq++)}` } });
const admin = { user: { id: '650000000000000001' }, memberPermissions: MANAGE_GUILD };

async function sign(options: Record<string, string | boolean>, at?: Date) {
	if (at) h.clock.now = at;
	const list = Object.entries(options).map(([k, v]) => (typeof v === 'boolean' ? bool(k, v) : str(k, v)));
	await command(h, 'pledge', 'sign', list, { guildId: guild.id, ...member() });
}

/** The files a deferred answer was edited with (the double keeps their bytes in the recorded request). */
function filesOf(sent: SentInteraction): RecordedRequest['files'] {
	return h.double.requests
		.filter((r) => r.method === 'PATCH' && r.path.includes(`/${sent.token}/messages/@original`))
		.flatMap((r) => r.files);
}

beforeAll(async () => {
	h = await startHarness({ guilds: [{ channels: [{ name: 'general', type: 0 }] }] });
	[guild] = h.double.guilds as [GuildState];
	const now = h.clock.now.getTime();
	// 40 days ago: 4 signers; 10 days ago: 3; yesterday: 5 (8 in the last 30 days, 5 in the last 7).
	for (const city of ['Tucson', 'Tucson', 'Tucson', 'Tucson']) await sign({ city }, new Date(now - 40 * DAY));
	for (const city of ['Phoenix', 'PHOENIX ', 'phoenix']) await sign({ city, public: true }, new Date(now - 10 * DAY));
	await sign({ city: 'Phoénix', artist_name: '=HYPERLINK("https://evil.example")', public: true }, new Date(now - DAY));
	await sign({ city: 'Phoenix', artist_name: 'Los Tigres del Río', public: true }, new Date(now - DAY));
	await sign({ artist_name: 'Private Person', city: 'Tucson' }, new Date(now - DAY));
	await sign({ artist_name: 'Quiet Duo' }, new Date(now - DAY));
	await sign({}, new Date(now - DAY));
	h.clock.now = new Date(now);
});
afterAll(async () => {
	await h?.close();
});

describe('/campaign stats', () => {
	it('answers publicly with the totals, growth, cities of 5 or more, and the chart', async () => {
		const sent = h.double.sendCommand({ name: 'campaign', subcommand: 'stats', guildId: guild.id, ...member() });
		const reply = await h.double.waitForReply(sent, 10_000);
		expect(reply.type).toBe(5);
		expect(reply.ephemeral).toBe(false);
		const text = textOf(reply.data);
		expect(text).toContain('Signers: 12');
		expect(text).toContain('New in the last 7 days: 5');
		expect(text).toContain('New in the last 30 days: 8');
		expect(text).toContain('Servers taking part: 1');
		expect(text).toContain('Chose to be listed: 41%'); // 5 of 12, rounded down
		// Phoenix is 5 however it was typed; Tucson's 5 include a private signer, counted but never named.
		expect(text).toMatch(/Phoenix — 5/i);
		expect(text).toContain('Tucson — 5');
		const [picture] = filesOf(sent);
		expect(picture?.name).toBe('campaign.png');
		expect(picture?.data.subarray(0, 4).equals(PNG)).toBe(true);
	});

	it('never names a city with fewer than 5 signers', async () => {
		const yuma = [member(), member()];
		for (const actor of yuma)
			await command(h, 'pledge', 'sign', [str('city', 'Yuma')], { guildId: guild.id, ...actor });
		const reply = await command(h, 'campaign', 'stats', [], { guildId: guild.id, ...member() });
		expect(textOf(reply.data)).toContain('Signers: 14');
		expect(textOf(reply.data)).not.toContain('Yuma');
		// Leave the campaign as the other tests expect it.
		for (const actor of yuma) await command(h, 'pledge', 'withdraw', [], { guildId: guild.id, ...actor });
	});
});

describe('/campaign export', () => {
	it('is for Manage Server only, answered privately', async () => {
		const refused = await command(h, 'campaign', 'export', [], { guildId: guild.id, ...member() });
		expect(refused.ephemeral).toBe(true);
		expect(refused.data.content).toBe(en.errors.noPermission);
	});

	it('sends the public roster and this server’s flags as CSV files a spreadsheet reads safely', async () => {
		await command(
			h,
			'gig',
			'flag',
			[
				str('event', '+Sponsored Fest'),
				str('venue', 'Riverside, Austin'),
				str('date', new Date(h.clock.now.getTime() + 30 * DAY).toISOString().slice(0, 10)),
				str('connection', 'aws'),
				str('link', 'https://example.com/fest'),
			],
			{ guildId: guild.id, ...member() },
		);
		const sent = h.double.sendCommand({ name: 'campaign', subcommand: 'export', guildId: guild.id, ...admin });
		const reply = await h.double.waitForReply(sent, 10_000);
		expect(reply.ephemeral).toBe(true);
		expect(reply.data.content).toContain('5 public signers');
		const files = new Map(filesOf(sent).map((f) => [f.name, f.data]));
		expect([...files.keys()].sort()).toEqual(['gigs.csv', 'signers.csv']);
		const signers = files.get('signers.csv') as Buffer;
		expect(signers.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
		const rows = parse(signers, { bom: true, columns: true }) as Record<string, string>[];
		expect(rows).toHaveLength(5);
		expect(rows.map((r) => r.name)).toContain('Los Tigres del Río');
		expect(rows.map((r) => r.name)).toContain('\'=HYPERLINK("https://evil.example")');
		expect(signers.toString('utf8')).not.toContain('Private Person');
		expect(signers.toString('utf8')).not.toContain('Quiet Duo');
		const gigs = parse(files.get('gigs.csv') as Buffer, { bom: true, columns: true }) as Record<string, string>[];
		expect(gigs).toEqual([
			expect.objectContaining({
				event: "'+Sponsored Fest",
				status: 'pending',
				reports: '1',
				link: 'https://example.com/fest',
			}),
		]);
		expect(Object.keys(gigs[0] ?? {})).toEqual([
			'event',
			'venue',
			'date',
			'connection',
			'link',
			'status',
			'reports',
			'flagged_at',
			'reviewed_at',
			'reason',
		]);
	});
});
