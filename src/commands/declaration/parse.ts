import type { CommandInteractionOption } from 'discord.js';
import { UserError } from '../../discord/userError.js';
import type { Catalogue } from '../../i18n/index.js';
import { cleanText } from '../../text/sanitize.js';
import { optionLabels } from './labels.js';
import type { CommandSpec, OptionSpec, OptionSpecs, OptionValues } from './spec.js';

const SNOWFLAKE = /^\d{17,20}$/;
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

/** The subcommand Discord named (`''` for a command without one) and the options below it, as sent. */
export function subcommandOf(data: readonly CommandInteractionOption[]): {
	subcommand: string;
	options: readonly CommandInteractionOption[];
} {
	const first = data[0];
	if (first && (first.type === SUBCOMMAND || first.type === SUBCOMMAND_GROUP)) {
		return { subcommand: first.name, options: first.options ?? [] };
	}
	return { subcommand: '', options: data };
}

/**
 * The options of one subcommand, validated against its declaration: types (a forged payload can send anything),
 * required ones, lengths after cleaning, ranges, choices and the declared checks. The first problem is one clear
 * UserError naming the option as the member sees it. Options the declaration does not know are ignored.
 */
export function parseOptions<O extends OptionSpecs>(
	command: Pick<CommandSpec, 'name'>,
	subcommand: string,
	specs: O,
	sent: readonly CommandInteractionOption[],
	t: Catalogue,
	now: Date,
): OptionValues<O> {
	const values: Record<string, unknown> = {};
	for (const [key, spec] of Object.entries(specs)) {
		const option = sent.find((o) => o.name === key);
		// The name as the member sees it, only for an error message (hot path: most options are fine).
		const name = () => optionLabels(t, command, subcommand, key).name;
		const value = option === undefined ? undefined : optionValue(spec, option, name, t, now);
		if (value === undefined) {
			if (spec.required) throw new UserError(t.errors.missingOption(name()));
			continue;
		}
		values[key] = value;
	}
	return values as OptionValues<O>;
}

/** One option's value, or undefined when it counts as not given (blank free text). */
function optionValue(
	spec: OptionSpec,
	option: CommandInteractionOption,
	name: () => string,
	t: Catalogue,
	now: Date,
): unknown {
	const invalid: (expected: string) => never = (expected) => {
		throw new UserError(t.errors.invalidOption(name(), expected));
	};
	const raw = option.value;
	switch (spec.type) {
		case 'string': {
			if (typeof raw !== 'string') invalid(t.errors.expected.text);
			const text = spec.form === 'trimmed' ? raw.trim() : cleanText(raw);
			if (text === '') {
				if (spec.required) invalid(t.errors.expected.notBlank);
				return undefined;
			}
			if (spec.maxLength !== undefined && text.length > spec.maxLength) {
				throw new UserError(t.errors.tooLong(name(), spec.maxLength));
			}
			if (spec.choices && !spec.choices.includes(text)) invalid(t.errors.expected.choice);
			for (const check of spec.checks ?? []) {
				const problem = check(text, t, now);
				if (problem !== undefined) invalid(problem);
			}
			// After the checks, which explain a malformed value better than its length does.
			if (spec.minLength !== undefined && text.length < spec.minLength) {
				invalid(t.errors.expected.atLeastChars(spec.minLength));
			}
			return text;
		}
		case 'integer': {
			if (typeof raw !== 'number' || !Number.isFinite(raw)) invalid(t.errors.expected.number);
			if (spec.min !== undefined && raw < spec.min) invalid(t.errors.atLeast(spec.min));
			if (spec.max !== undefined && raw > spec.max) invalid(t.errors.atMost(spec.max));
			if (!Number.isInteger(raw)) invalid(t.errors.expected.wholeNumber);
			return raw;
		}
		case 'boolean':
			if (typeof raw !== 'boolean') invalid(t.errors.expected.yesNo);
			return raw;
		case 'channel':
			if (typeof raw !== 'string' || !SNOWFLAKE.test(raw)) invalid(t.errors.textChannelOfServer);
			return { id: raw, type: option.channel?.type };
		case 'role':
			if (typeof raw !== 'string' || !SNOWFLAKE.test(raw)) invalid(t.errors.roleOfServer);
			return raw;
	}
}
