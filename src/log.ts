import { type Logger, pino } from 'pino';
import { serializeError } from './log/errors.js';
import { capLine, REDACTED, scrub } from './log/line.js';
import { bufferedStdout } from './log/turnBuffer.js';

export type { Logger };
export { REDACTED, scrub };

export interface LoggerOptions {
	level: string;
	/** Values that must never reach a log line (bot token, signer key), whatever the level or shape. */
	secrets: readonly (string | undefined)[];
	/** Where lines go; stdout by default, at most two writes a turn of the event loop (src/log/turnBuffer.ts). */
	write?: (line: string) => void;
}

/**
 * Structured JSON logs that leak nothing (DESIGN.md, data rules): errors are serialised as facts (type,
 * code, status, method, route with ids and tokens replaced; never a request body or files); secrets and
 * interaction tokens are scrubbed from the serialised line itself, so a token inside an error message, a
 * stack or a URL is caught as well as a `token` field; and no line is over 8 KB.
 */
export function createLogger({ level, secrets, write = stdoutLines() }: LoggerOptions): Logger {
	const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
	return pino(
		{
			level,
			base: null,
			serializers: { err: serializeError, error: serializeError },
			redact: { paths: ['token', '*.token', 'signerKey', '*.signerKey', 'headers.authorization'], censor: REDACTED },
		},
		{ write: (line: string) => write(capLine(scrub(line, hidden))) },
	);
}

/** pino's lines begin with their level (`base: null`): 40 warn, 50 error, 60 fatal. */
const WARNING_OR_WORSE = /^\{"level":[4-6]\d,/;

/**
 * stdout through the process's turn buffer; a warning or worse is written at once, after what waits, so the lines
 * before a crash that skips 'exit' (out of memory, SIGKILL) are not left in the buffer.
 */
function stdoutLines(): (line: string) => void {
	const lines = bufferedStdout();
	return (line) => (WARNING_OR_WORSE.test(line) ? lines.writeNow(line) : lines.write(line));
}
