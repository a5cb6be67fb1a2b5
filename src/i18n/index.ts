import type { Locale } from 'discord-api-types/v10';
import { type Catalogue, en } from './en.js';
import { es } from './es.js';
import type { Language } from './format.js';

export type { Catalogue, Language };
export { en };

/** The languages the bot speaks; the values of `/setup language`. */
export const LANGUAGES = ['en', 'es'] as const satisfies readonly Language[];

/** Catalogues by language. Add a language by adding its file here (and to `Language` in ./format.ts). */
const catalogues: Readonly<Record<Language, Catalogue>> = { en, es };

const isLanguage = (value: string | null | undefined): value is Language =>
	(LANGUAGES as readonly string[]).includes(value ?? '');

/** The language of a Discord locale: any `es-*` (es-ES, es-419, …) is Spanish; anything else, or none, English. */
export function languageOfLocale(locale: string | null | undefined): Language {
	const primary = (locale ?? '').split('-')[0]?.toLowerCase();
	return isLanguage(primary) ? primary : 'en';
}

/** Same as languageOfLocale (the name the command code uses). */
export const languageOf = languageOfLocale;

/** The catalogue of a language. */
export function catalogueOf(language: Language): Catalogue {
	return catalogues[language];
}

/** The catalogue for a member's Discord locale (`interaction.locale`), English when we have none. */
export function catalogueFor(locale: string | null | undefined): Catalogue {
	return catalogueOf(languageOfLocale(locale));
}

/**
 * The language of a server's public posts (milestones, moderation channel, alerts): its `/setup language`
 * setting, else its Discord locale (`guild_locale`, e.g. `es-419`), else English.
 */
export function serverLanguage(setting: string | null | undefined, guildLocale: string | null | undefined): Language {
	return isLanguage(setting) ? setting : languageOfLocale(guildLocale);
}

/** The catalogue of a server's public posts (moderation cards, alerts, milestones). */
export function serverCatalogue(setting: string | null | undefined, guildLocale: string | null | undefined): Catalogue {
	return catalogueOf(serverLanguage(setting, guildLocale));
}

/**
 * The catalogues Discord's command picker gets besides English (`name_localizations`), by Discord locale:
 * Discord has no plain `es`, so the one Spanish catalogue serves Spain and Latin America.
 */
export const COMMAND_LOCALES: readonly { locale: Locale; catalogue: Catalogue }[] = [
	{ locale: 'es-ES' as Locale, catalogue: es },
	{ locale: 'es-419' as Locale, catalogue: es },
];
