// Numbers and dates as each language writes them (Intl): `1,234` / `1.234`, month names. Dates are UTC,
// like the rest of the bot ("today" is the UTC date), so a post reads the same wherever the host runs.

export type Language = 'en' | 'es';

/** The Intl locale of each language: Spanish is written the same in es-ES and es-419 for our purposes. */
const INTL_LOCALE: Readonly<Record<Language, string>> = { en: 'en-US', es: 'es-ES' };

// Formatters are made on first use and kept: constructing one costs far more than formatting with it.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();

function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(key: string, make: () => F): F {
	let format = formatters.get(key) as F | undefined;
	if (!format) {
		format = make();
		formatters.set(key, format);
	}
	return format;
}

/** `1,234` in English, `1.234` in Spanish (grouped from four digits on, as the campaign's posts write it). */
export function formatNumber(language: Language, value: number | bigint): string {
	const format = formatter(
		`number:${language}`,
		() => new Intl.NumberFormat(INTL_LOCALE[language], { useGrouping: 'always', maximumFractionDigits: 0 }),
	);
	return format.format(value);
}

/** A share between 0 and 1 as a whole percentage, rounded down so it never claims 100 % early: `40%`, `40 %`. */
export function formatPercent(language: Language, share: number): string {
	const format = formatter(
		`percent:${language}`,
		() => new Intl.NumberFormat(INTL_LOCALE[language], { style: 'percent', maximumFractionDigits: 0 }),
	);
	return format.format(Math.floor(Math.min(1, Math.max(0, share)) * 100) / 100);
}

/** `a, b and c` / `a, b y c`. */
export function formatList(language: Language, items: readonly string[]): string {
	return formatter(
		`list:${language}`,
		() => new Intl.ListFormat(INTL_LOCALE[language], { type: 'conjunction' }),
	).format(items);
}

/**
 * `long`: `December 1, 2026` / `1 de diciembre de 2026`; `short` (chart axes, lists): `Dec 1` / `1 dic`;
 * `month`: `December 2026` / `diciembre de 2026`.
 */
export function formatDate(language: Language, date: Date, style: 'long' | 'short' | 'month' = 'long'): string {
	const format = formatter(`date:${language}:${style}`, () => {
		const options: Intl.DateTimeFormatOptions =
			style === 'long'
				? { dateStyle: 'long' }
				: style === 'short'
					? { day: 'numeric', month: 'short' }
					: { month: 'long', year: 'numeric' };
		return new Intl.DateTimeFormat(INTL_LOCALE[language], { ...options, timeZone: 'UTC' });
	});
	return format.format(date);
}
