// Start-up logs in while the database is still being prepared (src/index.ts): what arrives in that window waits for
// the database instead of being dropped (discord.js buffers nothing) or handled without it.
import { Events } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { command, type Harness, startHarness, str, textOf } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
	await h?.close();
	h = undefined;
});

describe('interactions during start-up', () => {
	it('answers a command that arrived before the database was open, once it is', async () => {
		let open = () => {};
		const opened = new Promise<void>((resolve) => {
			open = resolve;
		});
		h = await startHarness({ databaseOpensAfter: opened });
		const harness = h;
		const received = new Promise<void>((resolve) => harness.bot.client.once(Events.InteractionCreate, () => resolve()));
		const member = { user: { id: '100000000000000777', username: 'early', global_name: 'early' } };
		const signed = command(harness, 'pledge', 'sign', [str('city', 'Lagos')], member);
		await received;
		expect(await harness.db.signature.count()).toBe(0);
		open();
		const reply = await signed;
		expect(reply.ephemeral).toBe(true);
		expect(textOf(reply.data)).toContain('Lagos');
		expect(await harness.db.signature.count()).toBe(1);
	});
});
