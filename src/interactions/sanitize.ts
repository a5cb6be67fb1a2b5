import { escapeMarkdown } from 'discord.js';

// Control characters (\p{Cc}; whitespace is folded to spaces first) and format characters (\p{Cf}:
// zero-width, bidirectional overrides): invisible, and used to disguise text.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/** Normalises free text from members: NFC, no invisible characters, whitespace collapsed, trimmed. */
export function cleanText(text: string): string {
	return text.normalize('NFC').replace(/\s+/g, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
}

/** Member text shown inside the bot's messages: markdown escaped so it cannot restyle the message. */
export function shown(text: string): string {
	return escapeMarkdown(text);
}

/** `<@id>`, `<@!id>` or `<@&id>`: a user or role mention. */
export const MENTION = /<@[!&]?\d+>/;
