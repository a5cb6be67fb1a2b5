// The last pass over every serialised log line: secrets and interaction tokens scrubbed, and the size capped.

export const REDACTED = '[redacted]';

/** Every log line fits in 8 KB (a PNG or a body in a line would flood the log and may hold what members typed). */
export const MAX_LINE_BYTES = 8 * 1024;

// Interaction and webhook tokens in a path (`/interactions/<id>/<token>/…`, `/webhooks/<app>/<token>/…`), and
// interaction tokens wherever they stand: they are base64 of `interaction:<id>:…`, which starts `aW50ZXJhY3Rpb246`.
const TOKEN_IN_PATH = /(\/(?:interactions|webhooks)\/\d+\/)[^/\s"\\?#]+/g;
const TOKEN_PREFIX = 'aW50ZXJhY3Rpb246';
const INTERACTION_TOKEN = new RegExp(`${TOKEN_PREFIX}[A-Za-z0-9_\\-.=]*`, 'g');

/** The text with every given secret and every interaction or webhook token replaced. */
export function scrub(text: string, secrets: readonly string[]): string {
	let out = text;
	// Every log line passes here: a line with nothing to replace is returned without copying it.
	for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
	if (out.includes('/interactions/') || out.includes('/webhooks/')) out = out.replace(TOKEN_IN_PATH, `$1${REDACTED}`);
	return out.includes(TOKEN_PREFIX) ? out.replace(INTERACTION_TOKEN, REDACTED) : out;
}

const KEPT_TEXT = 200;

/**
 * The line itself when it fits; else a valid JSON line that says it was cut, with the level, time, message and
 * the short scalar fields (ids, codes) of the original, so it still says what happened and where.
 */
export function capLine(line: string, max = MAX_LINE_BYTES): string {
	// A UTF-16 code unit is at most 3 bytes of UTF-8: most lines fit without counting their bytes.
	if (line.length * 3 <= max) return line;
	const bytes = Buffer.byteLength(line);
	if (bytes <= max) return line;
	let original: Record<string, unknown> = {};
	try {
		const parsed: unknown = JSON.parse(line);
		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) original = parsed as typeof original;
	} catch {
		// Not JSON (never from pino): only the note remains.
	}
	const { level, time, msg } = original;
	const cut: Record<string, unknown> = { level, time, msg: typeof msg === 'string' ? clipText(msg) : msg };
	for (const [key, value] of Object.entries(original)) {
		if (key in cut) continue;
		const short =
			typeof value === 'number' ||
			typeof value === 'boolean' ||
			(typeof value === 'string' && value.length <= KEPT_TEXT);
		if (short) cut[key] = value;
	}
	cut.truncated = { bytes, max };
	const capped = `${JSON.stringify(cut)}\n`;
	// Hundreds of short fields could still overflow: then only the essentials stay.
	return Buffer.byteLength(capped) <= max
		? capped
		: `${JSON.stringify({ level, time, msg: typeof msg === 'string' ? clipText(msg) : msg, truncated: { bytes, max } })}\n`;
}

function clipText(text: string): string {
	return text.length <= 1000 ? text : `${text.slice(0, 1000)}…`;
}
