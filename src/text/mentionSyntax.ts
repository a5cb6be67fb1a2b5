// Mention and timestamp syntax in what a signer types: refused at signing, so a roster never carries it.
import type { z } from 'zod';

/**
 * The forms Discord turns into something other than text: `<@id>` `<@!id>` (users), `<@&id>` (roles),
 * `<#id>` (channels), `</name:id>` (commands) and `<t:unix>` / `<t:unix:R>` (timestamps).
 */
export const MENTION_SYNTAX = /<(?:@[!&]?\d+|#\d+|\/[^<>:]+:\d+|t:-?\d+(?::[A-Za-z])?)>/;

/** True when the text holds a mention or timestamp that Discord would render. */
export function hasMentionSyntax(text: string): boolean {
	return MENTION_SYNTAX.test(text);
}

/**
 * Marks the refusal so the option parser can word it in the member's language (see `explainIssue`): schemas
 * are built once, without a catalogue.
 */
export const MENTION_SYNTAX_ISSUE = 'mentionSyntax';

/** The schema, refusing values with mention or timestamp syntax (an absent value passes). */
export function withoutMentionSyntax<S extends z.ZodType<string | undefined>>(schema: S) {
	return schema.refine((value) => value === undefined || !hasMentionSyntax(value), {
		params: { refusal: MENTION_SYNTAX_ISSUE },
	});
}
