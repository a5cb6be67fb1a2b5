import { plain } from './plain.js';

// Control characters (\p{Cc}; whitespace is folded to spaces first) and format characters (\p{Cf}:
// zero-width, bidirectional overrides): invisible, and used to disguise text.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
/** Space to tilde: no control, format or combining characters, and space is its only whitespace. */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Normalises free text from members: NFC, no invisible characters, whitespace collapsed, trimmed. */
export function cleanText(text: string): string {
	// Printable ASCII needs no normalising and holds no invisible characters: most input, kept cheap (hot path).
	if (PRINTABLE_ASCII.test(text)) return text.replace(/ {2,}/g, ' ').trim();
	return text.normalize('NFC').replace(/\s+/g, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
}

/** Member text shown inside the bot's messages: inert, it cannot mention, link or restyle (see text/plain). */
export function shown(text: string): string {
	return plain(text);
}

/**
 * At most `max` characters, ending in `…` when cut, and never cut inside a surrogate pair. Counted in UTF-16
 * units, never fewer than Discord counts: member text (markdown-escaped, so up to twice as long) stays within
 * Discord's limits on embeds (field 1024, description 4096) instead of failing the whole reply.
 */
export function clip(text: string, max: number): string {
	if (text.length <= max) return text;
	let kept = '';
	for (const char of text) {
		if (kept.length + char.length > max - 1) break;
		kept += char;
	}
	return `${kept}…`;
}

/** Lines joined into an embed description within Discord's 4096 characters: each line cut to a fair share if needed. */
export function fitLines(lines: string[], separator: string, max = 4096): string {
	const joined = lines.join(separator);
	if (joined.length <= max) return joined;
	const share = Math.floor((max - separator.length * (lines.length - 1)) / lines.length);
	return lines.map((line) => clip(line, share)).join(separator);
}

/** `<@id>`, `<@!id>` or `<@&id>`: a user or role mention. */
export const MENTION = /<@[!&]?\d+>/;
