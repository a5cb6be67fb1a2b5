import { defineConfig } from 'vitest/config';
import { START_NODE_FLAGS } from './test/e2e/support/bot-process.js';

// The suites that run on PostgreSQL too (the second project): every data suite that is not about SQLite's own files,
// and every end-to-end file whose outcome depends on the database (commands, races, milestones, the lease across
// processes), ~2 minutes of the run. Left to SQLite: the files that inspect SQLite's files or its start-up
// (migrate, dataSteps, privacy-store, privacy-process, crash, shutdown, process) and those about Discord faults and
// sharding (faults, slowRest, shards), which the database does not change.
const POSTGRES_SUITES = [
	'test/db/lease.test.ts',
	'test/db/signatureSeries.test.ts',
	'test/db/signatureBatches.test.ts',
	'test/db/statementTime.test.ts',
	'test/db/counters.test.ts',
	'test/db/postgres.test.ts',
	'test/e2e/pledge.test.ts',
	'test/e2e/gig.test.ts',
	'test/e2e/milestones.test.ts',
	'test/e2e/privacy.test.ts',
	'test/e2e/scale.test.ts',
	'test/e2e/concurrency.test.ts',
	'test/e2e/setup.test.ts',
	'test/e2e/flagMessage.test.ts',
	'test/e2e/permissions.test.ts',
	'test/e2e/fuzz.test.ts',
	'test/e2e/campaign.test.ts',
	'test/e2e/unlist.test.ts',
	'test/e2e/language.test.ts',
	'test/e2e/help.test.ts',
];

export default defineConfig({
	test: {
		// After each file: no message the bot sent may ping anyone (allowed_mentions), and no log line the bot
		// wrote holds a user id, username, interaction token or signer detail, or is over 8 KB; see the files.
		setupFiles: ['test/setup/noPings.ts', 'test/setup/noLeaks.ts'],
		testTimeout: 20_000,
		hookTimeout: 30_000,
		// End-to-end files each start a Discord double and a bot; two cores.
		maxWorkers: 2,
		// The in-process bots of the end-to-end files run under `npm start`'s node flags, as in production, but for
		// --no-experimental-fetch: the double's own tests use the fetch global as their HTTP client. The bot uses none
		// (the process tests run the built bot with every flag).
		execArgv: START_NODE_FLAGS.filter((flag) => flag !== '--no-experimental-fetch'),
		projects: [
			{
				extends: true,
				test: {
					name: 'sqlite',
					include: ['test/**/*.test.ts'],
					// Needs a PostgreSQL server: the other project only.
					exclude: ['test/db/postgres.test.ts'],
				},
			},
			{
				extends: true,
				test: {
					name: 'postgres',
					include: POSTGRES_SUITES,
					env: { TEST_DATABASE: 'postgres' },
					globalSetup: ['test/setup/postgres.ts'],
				},
			},
		],
	},
});
