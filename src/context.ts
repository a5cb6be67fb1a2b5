import type { Database } from './db/client.js';
import type { Logger } from './log.js';

/** What every handler needs, passed in rather than imported so tests can run several bots side by side. */
export interface BotContext {
	db: Database;
	log: Logger;
	/** SIGNER_KEY: secret behind signer and reporter pseudonyms (details are encrypted by the database layer). */
	signerKey: string;
	gigFlagsPerHour: number;
	/** The clock; tests move it. */
	now: () => Date;
}
