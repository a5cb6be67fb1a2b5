// Member text shown inside the bot's messages, made inert: it reads exactly as typed and renders as nothing else.
//
// Discord's markdown treats a backslash before any ASCII punctuation as that character, literally: no rule
// (mention, channel, command, timestamp, emoji, masked link, auto-link, bold, italics, underline, strike,
// spoiler, code, quote, heading, subtext, list) can start at an escaped character. So every character that
// begins or shapes one of those is escaped; letters, digits, spaces and everything else stay as they are.

/**
 * The characters any Discord markdown rule needs: `\` (escapes), `*` `_` `~` `|` `` ` `` (styles, spoilers,
 * code), `>` (quotes), `#` `-` (headings, subtext, lists), `[` `]` `(` `)` (masked links), `<` (mentions,
 * `<#…>`, `</…:…>`, `<t:…>`, `<:emoji:…>`, `<https://…>`), `:` (auto-links need `://`), `@` (`@everyone`,
 * `@here`).
 */
const SIGNIFICANT = /[\\*_~|`>#\-[\]()<:@]/g;

/** `1. ` at the very start is an ordered list when the text starts a line (an embed field, a description). */
const ORDERED_LIST = /^(\s*\d+)\./;

/** Member text as plain text in a Discord message: every markdown, mention and link character escaped. */
export function plain(text: string): string {
	return text.replace(SIGNIFICANT, '\\$&').replace(ORDERED_LIST, '$1\\.');
}
