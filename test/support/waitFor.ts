// The one wait of the test suites: poll a condition instead of sleeping a guessed time.
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
	/** Give up after this long (default 5 s). */
	timeoutMs?: number;
	/** Poll interval (default 25 ms). */
	intervalMs?: number;
}

/**
 * Resolves with the condition's first truthy value once it holds; rejects naming `what` after the timeout, so the
 * timeout is the assertion and needs no `expect(elapsed)` after it. A condition that throws is retried: the last
 * error is reported if time runs out.
 */
export async function waitFor<T>(
	condition: () => T | Promise<T>,
	what: string,
	{ timeoutMs = 5000, intervalMs = 25 }: WaitOptions = {},
): Promise<NonNullable<T>> {
	const deadline = performance.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await condition();
			if (value) return value as NonNullable<T>;
		} catch (error) {
			lastError = error;
		}
		if (performance.now() > deadline) {
			throw new Error(`not within ${timeoutMs} ms: ${what}`, lastError === undefined ? {} : { cause: lastError });
		}
		await sleep(intervalMs);
	}
}
