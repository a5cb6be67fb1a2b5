// The built bot (`node dist/bot/start.cjs`, as `npm start` runs it) as a child process, with its stdout and
// stderr kept apart: the fault, secret and shutdown tests read both. Run `npm run build` first.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCommand } from '../../../src/boot/startCommand.js';
import { findProjectRoot } from '../../../src/projectRoot.js';
import { allLogSources } from '../../setup/logSources.js';

// The project root, whether this runs from test/ or compiled into dist/ (the bench smoke test compiles it).
const ROOT = findProjectRoot(import.meta.dirname);
const START = startCommand(ROOT);
export const START_NODE_FLAGS: readonly string[] = START.flags;
export const BOT_ENTRY = path.join(ROOT, START.script);

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
	/** performance.now() at exit. */
	at: number;
}

export interface RunningBot {
	child: ChildProcess;
	/** The working directory (a fresh temp folder), removed by cleanup(). */
	dir: string;
	/** Absolute path of the SQLite file (DATABASE_URL). */
	dbPath: string;
	stdout(): string;
	stderr(): string;
	/** stdout parsed as JSON log lines (non-JSON lines skipped). */
	logs(): Record<string, unknown>[];
	exited: Promise<Exit>;
	/** Resolves once a log line with this `msg` appears; rejects on exit or after timeoutMs. */
	waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
	/** SIGKILL if still running, then remove the temp folder. */
	cleanup(): Promise<void>;
}

export interface BotProcessOptions {
	/** Run under this umask (octal, e.g. '000'): a shell sets it, then execs node, so the bot is the child. */
	umask?: string;
	/** node's flags instead of npm start's. */
	nodeFlags?: readonly string[];
}

export function startBotProcess(vars: Record<string, string>, options: BotProcessOptions = {}): RunningBot {
	const dir = mkdtempSync(path.join(tmpdir(), 'nmfi-proc-'));
	const dbPath = path.join(dir, 'data', 'pledge.db');
	const node = [...(options.nodeFlags ?? START_NODE_FLAGS), BOT_ENTRY];
	const [command, args] =
		options.umask === undefined
			? [process.execPath, node]
			: ['/bin/sh', ['-c', `umask ${options.umask} && exec "$0" "$@"`, process.execPath, ...node]];
	const child = spawn(command, args, {
		cwd: dir,
		// Only what the process needs: no inherited DISCORD_* or .env surprises.
		env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `file:${dbPath}`, ...vars },
	});
	let out = '';
	let err = '';
	// Every complete stdout line is checked after the file against what members sent (test/setup/noLeaks.ts).
	allLogSources.add({ lines: () => out.split(/(?<=\n)/).filter((line) => line.endsWith('\n')) });
	const listeners = new Set<() => void>();
	const changed = () => {
		for (const listener of [...listeners]) listener();
	};
	child.stdout?.on('data', (d) => {
		out += d;
		changed();
	});
	child.stderr?.on('data', (d) => {
		err += d;
		changed();
	});
	let exit: Exit | undefined;
	const exited = new Promise<Exit>((resolve) =>
		child.once('exit', (code, signal) => {
			exit = { code, signal, at: performance.now() };
			changed();
			resolve(exit);
		}),
	);
	const logs = () =>
		out
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.flatMap((line) => {
				try {
					return [JSON.parse(line) as Record<string, unknown>];
				} catch {
					return [];
				}
			});
	return {
		child,
		dir,
		dbPath,
		stdout: () => out,
		stderr: () => err,
		logs,
		exited,
		waitForLog(msg, timeoutMs = 15_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = logs().find((line) => line.msg === msg);
					if (found) done(() => resolve(found));
					else if (exit) done(() => reject(new Error(`the bot exited (${exit?.code}) before "${msg}":\n${out}${err}`)));
				};
				const timer = setTimeout(
					() => done(() => reject(new Error(`no "${msg}" log line within ${timeoutMs} ms:\n${out}${err}`))),
					timeoutMs,
				);
				const done = (then: () => void) => {
					clearTimeout(timer);
					listeners.delete(check);
					then();
				};
				listeners.add(check);
				check();
			});
		},
		async cleanup() {
			if (!exit) {
				child.kill('SIGKILL');
				await exited;
			}
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Runs a compiled script to its exit with only the given environment (plus PATH and HOME), collecting its output. */
export function runNode(
	file: string,
	args: string[],
	options: { cwd: string; vars?: Record<string, string>; nodeFlags?: readonly string[] },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [...(options.nodeFlags ?? []), file, ...args], {
			cwd: options.cwd,
			env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.vars },
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => {
			stdout += d;
		});
		child.stderr.on('data', (d) => {
			stderr += d;
		});
		child.on('exit', (code) => resolve({ code, stdout, stderr }));
	});
}
