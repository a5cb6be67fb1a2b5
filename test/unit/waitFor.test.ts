import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/waitFor.js';

describe('waitFor, the suites’ one wait', () => {
	it('resolves with the first truthy value of the condition, polling until then', async () => {
		let calls = 0;
		const value = await waitFor(() => (++calls >= 3 ? `after ${calls}` : undefined), 'three calls', { intervalMs: 1 });
		expect(value).toBe('after 3');
	});

	it('rejects naming what it waited for once the timeout has passed', async () => {
		const started = performance.now();
		await expect(waitFor(() => false, 'the impossible', { timeoutMs: 50, intervalMs: 5 })).rejects.toThrow(
			'not within 50 ms: the impossible',
		);
		expect(performance.now() - started).toBeGreaterThanOrEqual(50);
	});

	it('retries a condition that throws, and reports its last error as the cause', async () => {
		let calls = 0;
		expect(
			await waitFor(
				() => {
					calls += 1;
					if (calls < 3) throw new Error('not yet');
					return true;
				},
				'a flaky read',
				{ intervalMs: 1 },
			),
		).toBe(true);
		const failure = await waitFor(
			() => {
				throw new Error('database is closed');
			},
			'a read',
			{ timeoutMs: 20, intervalMs: 5 },
		).catch((error: unknown) => error as Error);
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).cause).toMatchObject({ message: 'database is closed' });
	});
});
