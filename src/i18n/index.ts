import type { Locale } from 'discord-api-types/v10';
import { type Catalogue, en } from './en.js';

export type { Catalogue };
export { en };

/** The languages the bot speaks; the values of `/setup language`. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Catalogues by language. Add a language by adding its file here. */
const catalogues: Readonly<Record<Language, Catalogue>> = { en, es: en };

/** The language of a Discord locale: `es-ES`, `es-419` (any `es-*`) → Spanish; anything else → English. */
export function languageOf(locale: string | null | undefined): Language {
	const language = (locale ?? '').split('-')[0];
	return (LANGUAGES as readonly string[]).includes(language ?? '') ? (language as Language) : 'en';
}

export function catalogueOf(language: Language): Catalogue {
	return catalogues[language];
}

/** The catalogue for a member's Discord locale (`interaction.locale`). */
export function catalogueFor(locale: string | null | undefined): Catalogue {
	return catalogueOf(languageOf(locale));
}

/** The language of a server's public posts: `/setup language` if set, else the server's Discord locale, else English. */
export function serverLanguage(setting: string | null | undefined, guildLocale: string | null | undefined): Language {
	if (setting && (LANGUAGES as readonly string[]).includes(setting)) return setting as Language;
	return languageOf(guildLocale);
}

/** The catalogues Discord's command picker gets besides English (`name_localizations`), by Discord locale. */
export const COMMAND_LOCALES: readonly { locale: Locale; catalogue: Catalogue }[] = [];

/** The catalogue of a server's public posts (moderation cards, alerts, milestones). */
export function serverCatalogue(setting: string | null | undefined, guildLocale: string | null | undefined): Catalogue {
	return catalogueOf(serverLanguage(setting, guildLocale));
}
