import type { Database } from './db/client.js';
import type { Logger } from './log.js';

/** What every handler needs, passed in rather than imported so tests can run several bots side by side. */
export interface BotContext {
	db: Database;
	log: Logger;
	/** Secret behind signer and reporter pseudonyms. */
	signerKey: string;
	gigFlagsPerHour: number;
	/** The clock; tests move it. */
	now: () => Date;
}
