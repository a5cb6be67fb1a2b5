// Mention and timestamp syntax in what a signer types: refused at signing, so a roster never carries it.
import type { Check } from '../commands/declaration/spec.js';

/**
 * The forms Discord turns into something other than text: `<@id>` `<@!id>` (users), `<@&id>` (roles),
 * `<#id>` (channels), `</name:id>` (commands) and `<t:unix>` / `<t:unix:R>` (timestamps).
 */
export const MENTION_SYNTAX = /<(?:@[!&]?\d+|#\d+|\/[^<>:]+:\d+|t:-?\d+(?::[A-Za-z])?)>/;

/** True when the text holds a mention or timestamp that Discord would render. */
export function hasMentionSyntax(text: string): boolean {
	return MENTION_SYNTAX.test(text);
}

/** An option check: plain text only, no mention or timestamp syntax (anything else is shown inert). */
export const withoutMentionSyntax: Check<string> = (text, t) =>
	hasMentionSyntax(text) ? t.errors.expected.plainText : undefined;
