import type { Catalogue } from '../../i18n/index.js';
import type { CommandSpec } from './spec.js';

/** What a catalogue says about one command, subcommand or option: its shown name and description. */
export interface Labels {
	readonly name: string;
	readonly description?: string;
	readonly choices?: Readonly<Record<string, string>>;
	readonly subcommands?: Readonly<Record<string, Labels>>;
	readonly options?: Readonly<Record<string, Labels>>;
}

function at(labels: Labels | undefined, where: string): Labels {
	if (!labels) throw new Error(`the catalogue has no command labels for ${where}`);
	return labels;
}

/** The labels of a command (subcommand `''`: the command itself), failing loudly when a catalogue lacks them. */
export function labelsOf(t: Catalogue, spec: Pick<CommandSpec, 'name'>, subcommand = ''): Labels {
	const command = at((t.commands as Readonly<Record<string, Labels>>)[spec.name], `/${spec.name}`);
	return subcommand === '' ? command : at(command.subcommands?.[subcommand], `/${spec.name} ${subcommand}`);
}

/** The labels of one option (name shown to members, description, choice names). */
export function optionLabels(
	t: Catalogue,
	spec: Pick<CommandSpec, 'name'>,
	subcommand: string,
	option: string,
): Labels {
	return at(labelsOf(t, spec, subcommand).options?.[option], `/${spec.name} ${subcommand} ${option}`);
}
