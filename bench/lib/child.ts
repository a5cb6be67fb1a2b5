// The bot (as `npm start` runs it) or the floor bot as a child process against a Discord double.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { en } from '../../src/i18n/en.js';
import type { DiscordDouble } from '../../test/double/index.js';
import { BOT_ENTRY as START_ENTRY, START_NODE_FLAGS } from '../../test/e2e/support/bot-process.js';

/**
 * The real entry point, what `npm start` runs (dist/bot/start.cjs). BENCH_BOT_ENTRY names another build of the bot
 * (e.g. a worktree of an older commit) for before/after comparisons.
 */
export const BOT_ENTRY = process.env.BENCH_BOT_ENTRY ?? START_ENTRY;
/** bench/floorBot.ts compiled next to this folder. */
export const FLOOR_ENTRY = fileURLToPath(new URL('../floorBot.js', import.meta.url));

export const BENCH_SIGNER_KEY = 'be2c000000000000000000000000000000000000000000000000000000000001';

export interface ChildOptions {
	entry: string;
	double: DiscordDouble;
	/** Working directory (a temp dir: no stray .env is read). */
	cwd: string;
	databasePath?: string;
	/** A DATABASE_URL as given (postgresql://…); instead of `databasePath`. */
	databaseUrl?: string;
	/** LOG_LEVEL: `warn` unless given, or BENCH_LOG_LEVEL (`BENCH_LOG_LEVEL=info` measures the cost of info logs). */
	logLevel?: string;
	/** More variables for the child (SHARD_COUNT, SHARD_IDS, …). */
	env?: Record<string, string>;
	/** Node flags instead of npm start's (bench/ab.ts compares flag sets); BENCH_CHILD_NODE_ARGS still follow. */
	nodeFlags?: readonly string[];
}

export interface RunningChild {
	pid: number;
	process: ChildProcess;
	/** performance.now() just before spawn. */
	spawnedAt: number;
	/** Last lines the child printed (stdout and stderr). */
	tail: string[];
	/** Log lines at warn level or above (pino levels 40+), and their messages. */
	problems: string[];
	/** Resolves with the first stdout line containing `text`, and when it arrived. */
	waitForLine(text: string, timeoutMs: number): Promise<{ line: string; at: number }>;
	exited: Promise<number | null>;
	/** SIGTERM, then SIGKILL after 6 s; resolves with the exit code (null when killed). */
	stop(): Promise<number | null>;
}

const TAIL_LINES = 40;

export function startChild(options: ChildOptions): RunningChild {
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		DISCORD_TOKEN: options.double.token,
		DISCORD_API_URL: options.double.apiUrl,
		SIGNER_KEY: BENCH_SIGNER_KEY,
		LOG_LEVEL: options.logLevel ?? process.env.BENCH_LOG_LEVEL ?? 'warn',
		...(options.databasePath ? { DATABASE_URL: `file:${options.databasePath}` } : {}),
		...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
		...options.env,
	};
	const spawnedAt = performance.now();
	// For profiling only, e.g. BENCH_CHILD_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'; never in recorded runs.
	// BENCH_BOT_NODE_ARGS: the bot's children only, to try a V8 flag against an unchanged floor (build the bot's code
	// cache under it: package.json's start).
	const nodeArgs = [
		...(process.env.BENCH_CHILD_NODE_ARGS?.split(' ') ?? []),
		...(options.entry === FLOOR_ENTRY ? [] : (process.env.BENCH_BOT_NODE_ARGS?.split(' ') ?? [])),
	].filter(Boolean);
	const child = spawn(process.execPath, [...(options.nodeFlags ?? START_NODE_FLAGS), ...nodeArgs, options.entry], {
		cwd: options.cwd,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (child.pid === undefined) throw new Error(`could not start ${options.entry}`);
	const pid = child.pid;
	const tail: string[] = [];
	const problems: string[] = [];
	const lineWaiters = new Set<{ text: string; resolve: (value: { line: string; at: number }) => void }>();
	const onLine = (line: string) => {
		const at = performance.now();
		tail.push(line);
		if (tail.length > TAIL_LINES) tail.shift();
		const level = /"level":(\d+)/.exec(line);
		if (level && Number(level[1]) >= 40) {
			const msg = /"msg":"([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 200);
			const err = /"message":"((?:[^"\\]|\\.){0,160})/.exec(line)?.[1];
			problems.push(err ? `${msg} (${err})` : msg);
		}
		for (const waiter of [...lineWaiters]) {
			if (line.includes(waiter.text)) {
				lineWaiters.delete(waiter);
				waiter.resolve({ line, at });
			}
		}
	};
	const split = (stream: NodeJS.ReadableStream | null) => {
		let buffered = '';
		stream?.setEncoding('utf8');
		stream?.on('data', (chunk: string) => {
			buffered += chunk;
			let newline = buffered.indexOf('\n');
			while (newline >= 0) {
				onLine(buffered.slice(0, newline));
				buffered = buffered.slice(newline + 1);
				newline = buffered.indexOf('\n');
			}
		});
	};
	split(child.stdout);
	split(child.stderr);
	let exitCode: number | null | undefined;
	const exited = new Promise<number | null>((resolve) => {
		child.on('exit', (code) => {
			exitCode = code;
			resolve(code);
		});
	});
	live.add(child);
	void exited.then(() => live.delete(child));

	return {
		pid,
		process: child,
		spawnedAt,
		tail,
		problems,
		waitForLine(text, timeoutMs) {
			return new Promise((resolve, reject) => {
				const found = tail.find((line) => line.includes(text));
				if (found) {
					resolve({ line: found, at: performance.now() });
					return;
				}
				const waiter = {
					text,
					resolve: (value: { line: string; at: number }) => {
						clearTimeout(timer);
						resolve(value);
					},
				};
				const timer = setTimeout(() => {
					lineWaiters.delete(waiter);
					reject(new Error(`no line containing ${text} within ${timeoutMs} ms:\n${tail.join('\n')}`));
				}, timeoutMs);
				lineWaiters.add(waiter);
				void exited.then((code) => {
					if (!lineWaiters.has(waiter)) return;
					lineWaiters.delete(waiter);
					clearTimeout(timer);
					reject(new Error(`${path.basename(options.entry)} exited (${code}) before ${text}:\n${tail.join('\n')}`));
				});
			});
		},
		exited,
		async stop() {
			if (exitCode !== undefined) return exitCode;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 6000);
			const code = await exited;
			clearTimeout(timer);
			return code;
		},
	};
}

/** Children still running: killed if the bench itself fails half-way. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of live) child.kill('SIGKILL');
});

/**
 * Waits until the child answers: the double has sent READY and every GUILD_CREATE, then a probe `/demands`
 * (answered by the bot and the floor alike) comes back. A probe still queued behind start-up work for more
 * than 3 s is refused by the double (as Discord would), so probes are repeated until one is answered. The
 * probe is the same for both bots, so neither gets a warmer start; it touches no database.
 */
export async function waitUntilAnswering(
	double: DiscordDouble,
	child: RunningChild,
	timeoutMs: number,
	/**
	 * A child running some of the shards: one server per shard it runs, where the probes are sent (each after that
	 * shard's GUILD_CREATEs, on its connection). Unset: the child runs every shard; probes come as DMs.
	 */
	probeGuildIds?: readonly string[],
): Promise<void> {
	let exited: number | null | undefined;
	void child.exited.then((code) => {
		exited = code;
	});
	const deadline = performance.now() + timeoutMs;
	if (!probeGuildIds) await double.waitForReady(timeoutMs);
	let probe = 0;
	for (const guildId of probeGuildIds ?? [undefined]) {
		for (;;) {
			if (performance.now() >= deadline)
				throw new Error(`child did not answer within ${timeoutMs} ms:\n${child.tail.join('\n')}`);
			if (exited !== undefined)
				throw new Error(`child exited (${exited}) before it answered:\n${child.tail.join('\n')}`);
			probe++;
			const sent = double.sendCommand({
				name: 'demands',
				user: { id: `10000000000000${1000 + probe}`, username: 'probe' },
				...(guildId ? { guildId } : {}),
			});
			try {
				const response = await double.waitForResponse(sent, 4000);
				// The bot's answer while its database is still opening (src/bot.ts STARTING_GRACE_MS): ask again.
				if ((response.data as { content?: unknown } | undefined)?.content !== en.errors.starting) break;
			} catch {
				// Not answered within the 3 s Discord allows (or the shard not connected yet): still starting; ask again.
			}
		}
	}
}
