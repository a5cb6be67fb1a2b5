import { escapeMarkdown } from 'discord.js';

// Control characters, zero-width and bidirectional overrides: invisible, and used to disguise text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

/** Normalises free text from members: NFC, no invisible characters, whitespace collapsed, trimmed. */
export function cleanText(text: string): string {
	return text.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Member text shown inside the bot's messages: markdown escaped so it cannot restyle the message. */
export function shown(text: string): string {
	return escapeMarkdown(text);
}

/** `<@id>`, `<@!id>` or `<@&id>`: a user or role mention. */
export const MENTION = /<@[!&]?\d+>/;
