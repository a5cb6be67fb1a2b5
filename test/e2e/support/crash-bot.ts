// What the crash tests do to the compiled bot (started with startBotProcess): wait until it answers, SIGKILL or
// SIGTERM, and wait for the exit.
import type { DiscordDouble } from '../../double/index.js';
import { waitFor } from '../../support/waitFor.js';
import type { Exit, RunningBot } from './bot-process.js';

/**
 * Waits until the process has identified on the gateway and answers a command (`/demands`, which writes
 * nothing). Retries the probe: one sent before the client is ready may miss Discord's 3 s deadline.
 */
export async function waitUntilAnswering(
	double: DiscordDouble,
	bot: RunningBot,
	timeoutMs = 15_000,
	/** The server to probe in (one on a shard this process runs); default the double's first. */
	guildId?: string,
): Promise<void> {
	const exited = () => bot.child.exitCode !== null || bot.child.signalCode !== null;
	const state = await waitFor(
		async () => {
			if (exited()) return 'exited';
			const probe = double.sendCommand({
				name: 'demands',
				user: { id: '100000000000000001' },
				...(guildId ? { guildId } : {}),
			});
			return double.waitForResponse(probe, 2500).then(
				() => 'answering',
				() => undefined,
			);
		},
		'the bot to answer /demands',
		{ timeoutMs, intervalMs: 100 },
	).catch((error: unknown) => {
		throw new Error(`${String(error)}:\n${bot.stdout()}${bot.stderr()}`);
	});
	if (state === 'exited') throw new Error(`the bot exited during start-up:\n${bot.stdout()}${bot.stderr()}`);
}

/** SIGKILL: no shutdown handler runs, writes in flight are cut wherever they are. */
export async function killHard(bot: RunningBot): Promise<void> {
	bot.child.kill('SIGKILL');
	await bot.exited;
}

/** SIGTERM and wait: the graceful path, used to release the database before reading it. */
export async function stopGracefully(bot: RunningBot): Promise<Exit> {
	bot.child.kill('SIGTERM');
	return bot.exited;
}
