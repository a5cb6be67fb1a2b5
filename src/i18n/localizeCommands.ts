// Adds `name_localizations` / `description_localizations` for es-ES and es-419 to command definitions (Discord's
// API JSON), from the catalogues' `commands` sections, matched by the English names: the definitions keep
// their English contract and the Spanish names live in one place, src/i18n/es.ts.
import type { LocalizationMap } from 'discord-api-types/v10';
import { type Catalogue, en } from './en.js';
import { catalogueOf, DISCORD_LOCALES, type Language } from './index.js';

interface Choice {
	name: string;
	value: string | number;
	name_localizations?: LocalizationMap | null;
}
interface Definition {
	type?: number;
	name: string;
	description?: string;
	options?: readonly Definition[];
	choices?: readonly Choice[];
	name_localizations?: LocalizationMap | null;
	description_localizations?: LocalizationMap | null;
}

/** A catalogue node for a command, subcommand or option, and how to find its children by English name. */
interface Entry {
	name: string;
	description?: string;
	subcommands?: Readonly<Record<string, Entry>>;
	options?: Readonly<Record<string, Entry>>;
	choices?: Readonly<Record<string, string>>;
}

const SUBCOMMAND = 1;
const languages = Object.keys(DISCORD_LOCALES) as (keyof typeof DISCORD_LOCALES & Language)[];

/** The key under which `children` (in English) holds the entry named `name`. */
function keyOf(children: Readonly<Record<string, Entry>> | undefined, name: string, where: string): string {
	const key = Object.entries(children ?? {}).find(([, entry]) => entry.name === name)?.[0];
	if (key === undefined) throw new Error(`no catalogue entry for ${where} ${name}: add it to the commands section`);
	return key;
}

function localizations(texts: (t: Catalogue) => string | undefined): LocalizationMap {
	const map: LocalizationMap = {};
	for (const language of languages) {
		const text = texts(catalogueOf(language));
		if (text !== undefined) for (const locale of DISCORD_LOCALES[language]) map[locale] = text;
	}
	return map;
}

function localize<D extends Definition>(definition: D, path: string[], where: string): D {
	const entryAt = (t: Catalogue) =>
		path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], t.commands) as Entry;
	const english = entryAt(en);
	const localized: D = {
		...definition,
		name_localizations: localizations((t) => entryAt(t).name),
		...(definition.description === undefined
			? {}
			: { description_localizations: localizations((t) => entryAt(t).description) }),
	};
	if (definition.choices) {
		localized.choices = definition.choices.map((choice) => ({
			...choice,
			name_localizations: localizations((t) => entryAt(t).choices?.[String(choice.value)]),
		}));
	}
	if (definition.options) {
		localized.options = definition.options.map((option) => {
			const sub = option.type === SUBCOMMAND;
			const children = sub ? english.subcommands : english.options;
			const key = keyOf(children, option.name, `${where} ${sub ? 'subcommand' : 'option'}`);
			return localize(option, [...path, sub ? 'subcommands' : 'options', key], `${where} ${option.name}`);
		});
	}
	return localized;
}

/** The definitions with their Spanish names and descriptions; throws if the catalogue lacks one of them. */
export function localizeCommands<T extends readonly Definition[]>(definitions: T): T {
	const top = en.commands as unknown as Readonly<Record<string, Entry>>;
	return definitions.map((definition) =>
		localize(definition, [keyOf(top, definition.name, 'command')], `/${definition.name}`),
	) as unknown as T;
}
