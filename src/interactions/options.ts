import type { ChatInputCommandInteraction, CommandInteractionOption } from 'discord.js';
import { z } from 'zod';
import type { Catalogue } from '../i18n/index.js';
import { MENTION_SYNTAX_ISSUE } from '../text/mentionSyntax.js';
import { UserError } from './userError.js';

/**
 * The options of a chat-input interaction as Discord sent them, flattened below the subcommand.
 * Read from the raw data rather than discord.js's typed getters, which throw on a forged option type.
 */
export function readOptions(interaction: ChatInputCommandInteraction): {
	subcommand: string | undefined;
	values: Record<string, unknown>;
	/** Channel or role objects Discord resolved for channel/role options, by option name. */
	resolved: Record<string, CommandInteractionOption>;
} {
	let data: readonly CommandInteractionOption[] = interaction.options.data;
	let subcommand: string | undefined;
	const group = data[0];
	if (group && (group.type === 1 || group.type === 2)) {
		subcommand = group.name;
		data = group.options ?? [];
		const nested = data[0];
		if (group.type === 2 && nested) {
			subcommand = `${group.name} ${nested.name}`;
			data = nested.options ?? [];
		}
	}
	const values: Record<string, unknown> = {};
	const resolved: Record<string, CommandInteractionOption> = {};
	for (const option of data) {
		values[option.name] = option.value;
		resolved[option.name] = option;
	}
	return { subcommand, values, resolved };
}

/** Validates option values with a zod schema; the first problem becomes one clear UserError naming the option. */
export function parseOptions<S extends z.ZodType>(
	schema: S,
	values: Record<string, unknown>,
	t: Catalogue,
): z.output<S> {
	const result = schema.safeParse(values);
	if (result.success) return result.data;
	throw new UserError(explainIssue(result.error.issues[0], values, t));
}

function explainIssue(issue: z.core.$ZodIssue | undefined, values: Record<string, unknown>, t: Catalogue): string {
	if (!issue) return t.errors.invalidOption('options', 'unknown problem');
	const name = String(issue.path[0] ?? 'options');
	switch (issue.code) {
		case 'too_big':
			return issue.origin === 'string'
				? t.errors.tooLong(name, Number(issue.maximum))
				: t.errors.invalidOption(name, t.errors.atMost(issue.maximum));
		case 'too_small':
			return issue.origin === 'string' && values[name] !== undefined
				? t.errors.invalidOption(name, issue.message)
				: t.errors.invalidOption(name, t.errors.atLeast(issue.minimum));
		case 'invalid_type':
			return values[name] === undefined
				? t.errors.missingOption(name)
				: t.errors.invalidOption(name, t.errors.ofType(issue.expected));
		case 'custom':
			if (issue.params?.refusal === MENTION_SYNTAX_ISSUE) return t.errors.mentionSyntax(name);
			return t.errors.invalidOption(name, issue.message);
		default:
			return t.errors.invalidOption(name, issue.message);
	}
}

/** Page numbers: whole, ≥ 1, and not absurdly large (the handler clamps to the last page). */
// Bounds before .int(): a huge or negative number is then told the range, not the safe-integer limits.
export const pageSchema = z.number().min(1).max(1_000_000).int().optional();
