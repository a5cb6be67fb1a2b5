import type { Locale } from 'discord-api-types/v10';
import { type Catalogue, en } from './en.js';
import { es } from './es.js';
import type { Language } from './format.js';

export type { Catalogue, Language };
export { en };

const catalogues: Readonly<Record<Language, Catalogue>> = { en, es };

/** The languages the bot speaks, in the order `/setup language` offers them. */
export const LANGUAGES: readonly Language[] = ['en', 'es'];

/** The language of a Discord locale: any `es-*` (es-ES, es-419, …) is Spanish; anything else, or none, English. */
export function languageOfLocale(locale: string | null | undefined): Language {
	const primary = (locale ?? '').split('-')[0]?.toLowerCase();
	return primary === 'es' ? 'es' : 'en';
}

/** The catalogue for a Discord locale such as `en-GB` or `es-419`, English when we have none. */
export function catalogueFor(locale: string | null | undefined): Catalogue {
	return catalogues[languageOfLocale(locale)];
}

/** The catalogue of a language. */
export function catalogueOf(language: Language): Catalogue {
	return catalogues[language];
}

/**
 * The language of a server's public posts (milestones, moderation channel, alerts): its `/setup language`
 * setting, else its Discord locale (`guild_locale`, e.g. `es-419`), else English.
 */
export function serverLanguage(setting: Language | null | undefined, guildLocale: string | null | undefined): Language {
	if (setting === 'en' || setting === 'es') return setting;
	return languageOfLocale(guildLocale);
}

/**
 * The catalogues Discord's command picker gets besides English (`name_localizations`), by Discord locale:
 * Discord has no plain `es`, so the one Spanish catalogue serves Spain and Latin America.
 */
export const COMMAND_LOCALES: readonly { locale: Locale; catalogue: Catalogue }[] = [
	{ locale: 'es-ES' as Locale, catalogue: es },
	{ locale: 'es-419' as Locale, catalogue: es },
];
