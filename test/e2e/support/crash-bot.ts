// The compiled bot as a child process against the Discord double, for the crash tests: start, wait until it
// answers, SIGKILL or SIGTERM, and wait for the exit.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DiscordDouble } from '../../double/index.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const ENTRY = path.join(ROOT, 'dist/src/index.js');

export interface BotProcess {
	child: ChildProcess;
	/** Everything the process wrote on stdout and stderr. */
	output(): string;
	/** Resolves with the exit code (null after a signal) and the signal. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnBot(cwd: string, vars: Record<string, string>): BotProcess {
	const child = spawn(process.execPath, [ENTRY], {
		cwd,
		env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...vars },
	});
	let out = '';
	child.stdout?.on('data', (d) => {
		out += d;
	});
	child.stderr?.on('data', (d) => {
		out += d;
	});
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	return { child, output: () => out, exited };
}

/**
 * Waits until the process has identified on the gateway and answers a command (`/demands`, which writes
 * nothing). Retries the probe: one sent before the client is ready may miss Discord's 3 s deadline.
 */
export async function waitUntilAnswering(double: DiscordDouble, bot: BotProcess, timeoutMs = 15_000): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (performance.now() < deadline) {
		if (bot.child.exitCode !== null || bot.child.signalCode !== null) {
			throw new Error(`the bot exited during start-up:\n${bot.output()}`);
		}
		const probe = double.sendCommand({ name: 'demands', user: { id: '100000000000000001' } });
		try {
			await double.waitForResponse(probe, 2500);
			return;
		} catch {
			await sleep(100);
		}
	}
	throw new Error(`the bot did not answer within ${timeoutMs} ms:\n${bot.output()}`);
}

/** SIGKILL: no shutdown handler runs, writes in flight are cut wherever they are. */
export async function killHard(bot: BotProcess): Promise<void> {
	bot.child.kill('SIGKILL');
	await bot.exited;
}

/** SIGTERM and wait: the graceful path, used to release the database before reading it. */
export async function stopGracefully(bot: BotProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
	bot.child.kill('SIGTERM');
	return bot.exited;
}
