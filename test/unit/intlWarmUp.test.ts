import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { warmUpIntl } from '../../src/boot/intlWarmUp.js';

describe('the Intl warm-up worker', () => {
	it("makes every kind of formatter in the bot's locales and ends by itself", async () => {
		const worker = warmUpIntl();
		const errors: unknown[] = [];
		worker.on('error', (error) => errors.push(error));
		const [code] = await once(worker, 'exit');
		expect({ code, errors }).toEqual({ code: 0, errors: [] });
	});

	// No 'error' listener of the test's own (events.once adds one): an 'error' event nobody handled would be an
	// uncaught exception of this process.
	it('keeps its failure to itself: the process goes on', async () => {
		const worker = warmUpIntl(['not a locale']);
		const code = await new Promise((resolve) => worker.once('exit', resolve));
		expect(code).toBe(1);
	});
});
