import { defineConfig } from 'vitest/config';
import { START_NODE_FLAGS } from './test/e2e/support/bot-process.js';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		// After each file: no message the bot sent may ping anyone (allowed_mentions), and no log line the bot
		// wrote holds a user id, username, interaction token or signer detail, or is over 8 KB; see the files.
		setupFiles: ['test/setup/noPings.ts', 'test/setup/noLeaks.ts'],
		testTimeout: 20_000,
		hookTimeout: 30_000,
		// End-to-end files each start a Discord double and a bot; two cores.
		maxWorkers: 2,
		// The in-process bots of the end-to-end files run under `npm start`'s node flags, as in production.
		execArgv: [...START_NODE_FLAGS],
	},
});
