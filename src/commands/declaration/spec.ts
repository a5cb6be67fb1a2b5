// A command is declared once, as data: its subcommands, options and limits. The JSON Discord registers (with its
// localizations), the typed option parser and the handler table are all derived from the declaration, so a name
// or a limit cannot drift between them (see ./json.ts, ./parse.ts, ./define.ts).
import type { ChannelType, InteractionContextType } from 'discord-api-types/v10';
import type { Catalogue } from '../../i18n/index.js';

/** A member-typed value that fails a rule: the explanation ("a real date written YYYY-MM-DD"), or undefined if fine. */
export type Check<V> = (value: V, t: Catalogue, now: Date) => string | undefined;

interface Common {
	required?: true;
}

export interface StringSpec extends Common {
	type: 'string';
	/**
	 * `text` (the default): free text, cleaned (NFC, invisible characters out, whitespace folded) and blank = not given;
	 * `trimmed`: only surrounding whitespace removed (links, dates, lists of numbers).
	 */
	form?: 'text' | 'trimmed';
	/** Lengths, checked after cleaning; Discord checks the raw text against the same numbers. */
	minLength?: number;
	maxLength?: number;
	choices?: readonly string[];
	autocomplete?: true;
	checks?: readonly Check<string>[];
}

export interface IntegerSpec extends Common {
	type: 'integer';
	min?: number;
	max?: number;
}

export interface BooleanSpec extends Common {
	type: 'boolean';
}

export interface ChannelSpec extends Common {
	type: 'channel';
	channelTypes: readonly ChannelType[];
}

export interface RoleSpec extends Common {
	type: 'role';
}

export type OptionSpec = StringSpec | IntegerSpec | BooleanSpec | ChannelSpec | RoleSpec;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;
/** A subcommand without options. */
export type NoOptions = Record<string, never>;

/** A channel option as the handler gets it: the id, and the channel type Discord resolved (absent when forged). */
export interface ChannelValue {
	id: string;
	type: number | undefined;
}

type ValueOf<O extends OptionSpec> = O extends { type: 'string'; choices: readonly (infer C)[] }
	? C
	: O extends { type: 'string' }
		? string
		: O extends { type: 'integer' }
			? number
			: O extends { type: 'boolean' }
				? boolean
				: O extends { type: 'channel' }
					? ChannelValue
					: string; // role: its id

type RequiredKeys<O extends OptionSpecs> = { [K in keyof O]: O[K] extends { required: true } ? K : never }[keyof O];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The parsed options of a subcommand: required ones always present, optional ones absent when not given. */
export type OptionValues<O extends OptionSpecs> = Simplify<
	{ [K in RequiredKeys<O>]: ValueOf<O[K]> } & { [K in Exclude<keyof O, RequiredKeys<O>>]?: ValueOf<O[K]> }
>;

export interface SubcommandSpec {
	options: OptionSpecs;
	/**
	 * Answered after a defer (the handler then awaits REST or slow work): `ephemeral` or `public`. Options are parsed
	 * before deferring, so a refusal is still an ephemeral reply.
	 */
	defer?: 'ephemeral' | 'public';
	/** Manage Server only, checked at run time (Discord's default permissions are per command, not subcommand). */
	manageGuild?: true;
}

export interface CommandSpec {
	/** The English name: a key of the catalogues' `commands` section, where descriptions and localizations live. */
	name: keyof Catalogue['commands'];
	contexts: readonly InteractionContextType[];
	/** Shown by default only to members with Manage Server (still checked at run time). */
	manageGuild?: true;
	/** Subcommands by English name; a command without subcommands has one entry, `''`. */
	subcommands: Readonly<Record<string, SubcommandSpec>>;
}

/** The top-level entry of a command without subcommands. */
export const NO_SUBCOMMAND = '';
