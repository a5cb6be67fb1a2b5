import { describe, expect, it } from 'vitest';
import type { DiscordDouble, SentInteraction } from '../double/index.js';
import { logProblems, sensitiveOf } from '../setup/leaks.js';

const BOT = '861234567890123456';
const MEMBER = { id: '512345678901234567', username: 'quietsigner', global_name: 'Quiet Signer' };
const sent = (payload: Record<string, unknown>): SentInteraction => ({
	id: String(payload.id),
	token: String(payload.token),
	type: 2,
	payload,
	at: 0,
});
const double: Pick<DiscordDouble, 'users' | 'dispatched' | 'botUserId'> = {
	botUserId: BOT,
	users: new Map([[BOT, { id: BOT, username: 'nomusicforice', global_name: null, discriminator: '0', avatar: null }]]),
	dispatched: [
		sent({
			id: '1300000000000000001',
			token: 'aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTpzZWNyZXQ',
			member: { user: MEMBER },
			data: {
				name: 'pledge',
				options: [
					{
						name: 'sign',
						type: 1,
						options: [
							{ name: 'artist_name', type: 3, value: 'Ana Tijoux' },
							{ name: 'city', type: 3, value: 'Oslo' },
						],
					},
				],
			},
		}),
	],
};

describe('log check (test/setup/leaks)', () => {
	const sensitive = sensitiveOf(double);

	it('knows the member’s id, names, token and typed details, not the bot nor short values', () => {
		expect([...sensitive.keys()].sort()).toEqual(
			[
				'512345678901234567',
				'quietsigner',
				'Quiet Signer',
				'aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTpzZWNyZXQ',
				'Ana Tijoux',
				'Oslo',
			].sort(),
		);
	});

	it.each([
		['{"userId":"512345678901234567"}', 'user id'],
		['{"msg":"hello quietsigner"}', 'username'],
		['{"url":"/interactions/1/aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTpzZWNyZXQ/callback"}', 'interaction token'],
		['{"err":{"requestBody":{"json":{"city":"Oslo"}}}}', 'artist_name/city'],
	])('finds a leak in %s', (line, kind) => {
		expect(logProblems([line], sensitive)).toEqual([expect.stringContaining(`${kind} in:`)]);
	});

	it('finds a value as JSON escapes it, and only as a whole word', () => {
		const quoted = sensitiveOf({
			...double,
			dispatched: [sent({ id: '1', token: 'x', data: { options: [{ name: 'city', value: 'Tlön "Uqbar"' }] } })],
		});
		expect(logProblems([JSON.stringify({ city: 'Tlön "Uqbar"' })], quoted)).toHaveLength(1);
		expect(logProblems(['{"msg":"OsloFjord getOslo"}'], sensitive)).toEqual([]);
		expect(logProblems(['{"msg":"in Oslo."}'], sensitive)).toHaveLength(1);
	});

	it('finds a line over 8 KB, and passes ids of guilds, channels and interactions', () => {
		expect(logProblems([`{"png":"${'A'.repeat(9000)}"}`], sensitive)).toEqual([
			expect.stringMatching(/^line of 9\d{3} bytes/),
		]);
		expect(logProblems(['{"guildId":"1512345678901234567","interactionId":"1300000000000000001"}'], sensitive)).toEqual(
			[],
		);
	});
});
