import { type Logger, pino } from 'pino';

export type { Logger };

export interface LoggerOptions {
	level: string;
	/** Values that must never reach a log line (bot token, signer key), whatever the level or shape. */
	secrets: readonly (string | undefined)[];
	/** Where lines go; stdout by default. */
	write?: (line: string) => void;
}

export const REDACTED = '[redacted]';

/**
 * Structured JSON logs. Secrets are scrubbed from the serialised line itself, so a token inside an
 * error message, a stack or a request URL is caught as well as a `token` field.
 */
export function createLogger({ level, secrets, write = (line) => process.stdout.write(line) }: LoggerOptions): Logger {
	const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
	return pino(
		{
			level,
			base: null,
			redact: { paths: ['token', '*.token', 'signerKey', '*.signerKey', 'headers.authorization'], censor: REDACTED },
		},
		{ write: (line: string) => write(scrub(line, hidden)) },
	);
}

export function scrub(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) out = out.split(secret).join(REDACTED);
	return out;
}
