// `name_localizations` and `description_localizations` for command definitions, generated from the catalogues:
// every non-English catalogue's `commands` section, under each Discord locale that speaks it (es → es-ES, es-419).
import type { LocalizationMap } from 'discord-api-types/v10';
import type { Catalogue } from './en.js';
import { catalogueOf, DISCORD_LOCALES } from './index.js';

type Picker<T> = (commands: Catalogue['commands']) => T;

function localize(pick: Picker<string>): LocalizationMap {
	const map: LocalizationMap = {};
	for (const [language, locales] of Object.entries(DISCORD_LOCALES)) {
		const text = pick(catalogueOf(language as keyof typeof DISCORD_LOCALES).commands);
		for (const locale of locales) map[locale] = text;
	}
	return map;
}

/** Localizations of a command, subcommand or option: `localized((c) => c.pledge.subcommands.sign)`. */
export function localized(pick: Picker<{ name: string; description: string }>): {
	name_localizations: LocalizationMap;
	description_localizations: LocalizationMap;
} {
	return {
		name_localizations: localize((c) => pick(c).name),
		description_localizations: localize((c) => pick(c).description),
	};
}

/** Localizations of a name alone: a choice label, or the context-menu command. */
export function localizedName(pick: Picker<string>): { name_localizations: LocalizationMap } {
	return { name_localizations: localize(pick) };
}
