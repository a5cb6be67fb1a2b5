// Shared set-up: temporary folders, server layouts for the double, distinct member ids.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allDoubles, type DiscordDouble, type GuildSpec } from '../../test/double/index.js';

export interface TempDir {
	path: string;
	file(name: string): string;
	remove(): void;
}

export function tempDir(prefix: string): TempDir {
	const dir = mkdtempSync(path.join(tmpdir(), `nmfi-bench-${prefix}-`));
	return {
		path: dir,
		file: (name) => path.join(dir, name),
		remove: () => rmSync(dir, { recursive: true, force: true }),
	};
}

/**
 * `count` servers with `channels` channels (nine text to one voice) and `roles` roles besides @everyone and the
 * bot's. Server ids are fixed (`guildId(g)`), so a database seeded once matches every double started later.
 */
export function guildSpecs(count: number, channels = 3, roles = 0): GuildSpec[] {
	return Array.from({ length: count }, (_, g) => ({
		id: guildId(g),
		name: `Bench Server ${g + 1}`,
		channels: Array.from({ length: channels }, (_, c) => ({
			name: c === 0 ? 'general' : `channel-${c}`,
			type: c % 10 === 9 ? 2 : 0,
		})),
		roles: Array.from({ length: roles }, (_, r) => ({ name: `role-${r + 1}` })),
	}));
}

/** The id of bench server `g` (18 digits); ids past the double's servers stand for servers elsewhere. */
export function guildId(g: number): string {
	return (400_000_000_000_000_000n + BigInt(g)).toString();
}

/** A distinct 18-digit member id per (group, index): every burst member is a different person. */
export function memberId(group: number, index: number): string {
	return (300_000_000_000_000_000n + BigInt(group) * 1_000_000_000n + BigInt(index)).toString();
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Closes a double and forgets it: the double's registry (for the tests' file-wide checks) would keep every request. */
export async function closeDouble(double: DiscordDouble): Promise<void> {
	await double.close();
	allDoubles.delete(double);
}
