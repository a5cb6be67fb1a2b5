// Every bot log collected in this test file (harnesses, bot processes), so the file-wide check in
// test/setup/noLeaks.ts can read them. Module state is per test file: vitest isolates files.

export interface LogSource {
	/** Every raw line the bot wrote, as written (one JSON object per line). */
	lines(): readonly string[];
}

export const allLogSources = new Set<LogSource>();
