// Every Discord double started in this test file, so file-wide checks (test/setup/noPings.ts) can read
// what each one recorded. Module state is per test file: vitest isolates files.
import type { DiscordDouble } from './index.js';

export const allDoubles = new Set<DiscordDouble>();
