// /pledge unlist: the moderators of the server a signature came from take an abusive name off the roster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuildState } from '../double/index.js';
import { bool, command, type Harness, startHarness, str, textOf } from './harness.js';

const MANAGE_GUILD = 1n << 5n;

let h: Harness;
let guild: GuildState;
let other: GuildState;
const moderator = { user: { id: '640000000000000001' }, memberPermissions: MANAGE_GUILD };
const abuser = { user: { id: '640000000000000002' } };
const band = { user: { id: '640000000000000003' } };
const elsewhere = { user: { id: '640000000000000004' } };

const sign = (actor: object, name: string, g: GuildState = guild, extra: ReturnType<typeof str>[] = []) =>
	command(h, 'pledge', 'sign', [str('artist_name', name), bool('public', true), ...extra], { guildId: g.id, ...actor });
const roster = async () => textOf((await command(h, 'pledge', 'signers', [], { guildId: guild.id })).data);
/** How often a name is on the (campaign-wide) roster. */
const listed = async (name: string) => (await roster()).split(name).length - 1;
const unlist = (name: string, actor: object = moderator, g: GuildState = guild) =>
	command(h, 'pledge', 'unlist', [str('name', name)], { guildId: g.id, ...actor });

beforeAll(async () => {
	h = await startHarness({ guilds: [{ channels: [{ name: 'general', type: 0 }] }, { channels: [{ name: 'x' }] }] });
	[guild, other] = h.double.guilds as [GuildState, GuildState];
	await sign(abuser, 'Fake Statement Crew');
	await sign(band, 'Los Tigres del Río');
	await sign(elsewhere, 'Fake Statement Crew', other);
});
afterAll(async () => {
	await h?.close();
});

describe('/pledge unlist', () => {
	it('suggests this server’s listed names to moderators, and nothing to anyone else', async () => {
		const asked = (actor: object) =>
			h.double.waitForResponse(
				h.double.sendAutocomplete({
					name: 'pledge',
					subcommand: 'unlist',
					options: [{ name: 'name', type: 3, value: 'fake' }],
					focused: 'name',
					guildId: guild.id,
					...actor,
				}),
			);
		const forModerator = await asked(moderator);
		expect(forModerator.type).toBe(8);
		expect((forModerator.data as { choices?: unknown }).choices).toEqual([
			{ name: 'Fake Statement Crew', value: 'Fake Statement Crew' },
		]);
		const forMember = await asked(band);
		expect((forMember.data as { choices?: unknown }).choices).toEqual([]);
	});

	it('refuses members who are not moderators, privately, and changes nothing', async () => {
		const refused = await unlist('Fake Statement Crew', band);
		expect(refused.ephemeral).toBe(true);
		expect(refused.data.content).toContain('Only moderators');
		expect(await listed('Fake Statement Crew')).toBe(2);
	});

	it('takes the name off the roster, ignoring case; the signature stays and its signer sees why', async () => {
		const done = await unlist('fake statement CREW');
		expect(done.ephemeral).toBe(true);
		expect(done.data.content).toContain('is off the public list (1 signature)');
		// Only this server's signature leaves: the same name signed from another server is its moderators' call.
		expect(await listed('Fake Statement Crew')).toBe(1);
		expect(await listed('Los Tigres del Río')).toBe(1);
		expect(await h.db.signature.count()).toBe(3);
		expect(await h.db.auditEntry.count({ where: { guildId: guild.id, action: 'pledge.unlist' } })).toBe(1);
		const status = await command(h, 'pledge', 'status', [], { guildId: guild.id, ...abuser });
		expect(textOf(status.data)).toContain('taken off the public list by the server’s moderators');
	});

	it('keeps it off the roster when its signer asks for public again, until they give a new name', async () => {
		await command(h, 'pledge', 'sign', [bool('public', true)], { guildId: guild.id, ...abuser });
		expect(await listed('Fake Statement Crew')).toBe(1);
		await sign(abuser, 'A Real Name');
		expect(await listed('A Real Name')).toBe(1);
	});

	it('says so when no listed name of this server matches', async () => {
		const none = await unlist('Nobody Listed');
		expect(none.ephemeral).toBe(true);
		expect(none.data.content).toContain('No one from this server is listed as “Nobody Listed”');
	});
});
