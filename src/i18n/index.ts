import type { Locale } from 'discord-api-types/v10';
import { type Catalogue, en } from './en.js';

export type { Catalogue };
export { en };

/** Locale catalogues by Discord locale prefix ('en-US' → 'en'). Add a language by adding its file here. */
const catalogues: Readonly<Record<string, Catalogue>> = { en };

/** The catalogue for a Discord locale such as `en-GB` or `es-ES`, English when we have none. */
export function catalogueFor(locale: string | null | undefined): Catalogue {
	const language = (locale ?? 'en').split('-')[0] ?? 'en';
	return catalogues[language] ?? en;
}

/** The catalogues Discord's command picker gets besides English (`name_localizations`), by Discord locale. */
export const COMMAND_LOCALES: readonly { locale: Locale; catalogue: Catalogue }[] = [];
