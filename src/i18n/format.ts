// Numbers and dates as each language writes them (Intl): `1,234` / `1.234`, month names. Dates are UTC,
// like the rest of the bot ("today" is the UTC date), so a post reads the same wherever the host runs.

export type Language = 'en' | 'es';

/** The Intl locale of each language: Spanish is written the same in es-ES and es-419 for our purposes. */
const INTL_LOCALE: Readonly<Record<Language, string>> = { en: 'en-US', es: 'es-ES' };

// Formatters are cached: constructing one costs far more than formatting with it.
const numbers = new Map<Language, Intl.NumberFormat>();
const percents = new Map<Language, Intl.NumberFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();

/** `1,234` in English, `1.234` in Spanish (grouped from four digits on, as the campaign's posts write it). */
export function formatNumber(language: Language, value: number | bigint): string {
	let format = numbers.get(language);
	if (!format) {
		format = new Intl.NumberFormat(INTL_LOCALE[language], { useGrouping: 'always', maximumFractionDigits: 0 });
		numbers.set(language, format);
	}
	return format.format(value);
}

/** A share between 0 and 1 as a whole percentage, rounded down so it never claims 100 % early: `40%`, `40 %`. */
export function formatPercent(language: Language, share: number): string {
	let format = percents.get(language);
	if (!format) {
		format = new Intl.NumberFormat(INTL_LOCALE[language], { style: 'percent', maximumFractionDigits: 0 });
		percents.set(language, format);
	}
	return format.format(Math.floor(Math.min(1, Math.max(0, share)) * 100) / 100);
}

/**
 * `long`: `December 1, 2026` / `1 de diciembre de 2026`; `short` (chart axes, lists): `Dec 1` / `1 dic`;
 * `month`: `December 2026` / `diciembre de 2026`.
 */
export function formatDate(language: Language, date: Date, style: 'long' | 'short' | 'month' = 'long'): string {
	const key = `${language}:${style}`;
	let format = dates.get(key);
	if (!format) {
		const options: Intl.DateTimeFormatOptions =
			style === 'long'
				? { dateStyle: 'long' }
				: style === 'short'
					? { day: 'numeric', month: 'short' }
					: { month: 'long', year: 'numeric' };
		format = new Intl.DateTimeFormat(INTL_LOCALE[language], { ...options, timeZone: 'UTC' });
		dates.set(key, format);
	}
	return format.format(date);
}
