import {
	type APIApplicationCommandBasicOption,
	type APIApplicationCommandOption,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	type LocalizationMap,
	PermissionFlagsBits,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { type Catalogue, COMMAND_LOCALES, en } from '../../i18n/index.js';
import { type Labels, labelsOf, optionLabels } from './labels.js';
import { type CommandSpec, NO_SUBCOMMAND, type OptionSpec } from './spec.js';

/** `name_localizations` / `description_localizations` from every catalogue Discord gets besides English. */
function localized(pick: (t: Catalogue) => string | undefined): { localizations?: LocalizationMap } {
	const map: LocalizationMap = {};
	for (const { locale, catalogue } of COMMAND_LOCALES) {
		const text = pick(catalogue);
		if (text !== undefined) map[locale] = text;
	}
	return Object.keys(map).length > 0 ? { localizations: map } : {};
}

function named(pick: (t: Catalogue) => Labels) {
	const names = localized((t) => pick(t).name).localizations;
	const descriptions = localized((t) => pick(t).description).localizations;
	return {
		name: pick(en).name,
		...(names ? { name_localizations: names } : {}),
		description: pick(en).description ?? '',
		...(descriptions ? { description_localizations: descriptions } : {}),
	};
}

function optionJSON(
	spec: CommandSpec,
	subcommand: string,
	key: string,
	option: OptionSpec,
): APIApplicationCommandBasicOption {
	const labels = (t: Catalogue) => optionLabels(t, spec, subcommand, key);
	const common = { ...named(labels), required: option.required === true };
	if (common.name !== key) throw new Error(`/${spec.name} ${subcommand}: option ${key} is labelled ${common.name}`);
	switch (option.type) {
		case 'string':
			// discord-api-types splits string options by `autocomplete` (true: no choices); the declaration never has both.
			return {
				...common,
				type: ApplicationCommandOptionType.String,
				...(option.minLength !== undefined ? { min_length: option.minLength } : {}),
				...(option.maxLength !== undefined ? { max_length: option.maxLength } : {}),
				...(option.autocomplete ? { autocomplete: true } : {}),
				...(option.choices
					? {
							choices: option.choices.map((value) => {
								const choice = (t: Catalogue) => labels(t).choices?.[value];
								const names = localized(choice).localizations;
								return { name: choice(en) ?? value, ...(names ? { name_localizations: names } : {}), value };
							}),
						}
					: {}),
			} as APIApplicationCommandBasicOption;
		case 'integer':
			return {
				...common,
				type: ApplicationCommandOptionType.Integer,
				...(option.min !== undefined ? { min_value: option.min } : {}),
				...(option.max !== undefined ? { max_value: option.max } : {}),
			};
		case 'boolean':
			return { ...common, type: ApplicationCommandOptionType.Boolean };
		case 'channel':
			return {
				...common,
				type: ApplicationCommandOptionType.Channel,
				channel_types: [...option.channelTypes] as never,
			};
		case 'role':
			return { ...common, type: ApplicationCommandOptionType.Role };
	}
}

function optionsJSON(spec: CommandSpec, subcommand: string): APIApplicationCommandBasicOption[] {
	const options = spec.subcommands[subcommand]?.options ?? {};
	return Object.entries(options).map(([key, option]) => optionJSON(spec, subcommand, key, option));
}

/** The JSON Discord registers for a slash command, localized from every catalogue. */
export function commandJSON(spec: CommandSpec): RESTPostAPIChatInputApplicationCommandsJSONBody {
	const top = named((t) => labelsOf(t, spec));
	if (top.name !== spec.name) throw new Error(`/${spec.name} is labelled ${top.name}`);
	const single = Object.keys(spec.subcommands).length === 1 && NO_SUBCOMMAND in spec.subcommands;
	const options: APIApplicationCommandOption[] = single
		? optionsJSON(spec, NO_SUBCOMMAND)
		: Object.keys(spec.subcommands).map((sub) => {
				const labels = named((t) => labelsOf(t, spec, sub));
				if (labels.name !== sub) throw new Error(`/${spec.name} ${sub} is labelled ${labels.name}`);
				return { ...labels, type: ApplicationCommandOptionType.Subcommand, options: optionsJSON(spec, sub) };
			});
	return {
		type: ApplicationCommandType.ChatInput,
		...top,
		contexts: [...spec.contexts],
		...(spec.manageGuild ? { default_member_permissions: PermissionFlagsBits.ManageGuild.toString() } : {}),
		...(options.length > 0 ? { options } : {}),
	};
}
