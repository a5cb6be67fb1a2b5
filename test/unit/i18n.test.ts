import { describe, expect, it } from 'vitest';
import { permissionNames } from '../../src/discord/permissions.js';
import { en } from '../../src/i18n/en.js';
import { es } from '../../src/i18n/es.js';
import { formatDate, formatNumber, formatPercent } from '../../src/i18n/format.js';
import { type Catalogue, catalogueFor, catalogueOf, languageOfLocale, serverLanguage } from '../../src/i18n/index.js';

type Leaf = { path: string; value: unknown };

/** Every leaf of a catalogue (strings, functions, array items) with its dotted path. */
function leaves(node: unknown, path = ''): Leaf[] {
	if (typeof node === 'string' || typeof node === 'function') return [{ path, value: node }];
	if (Array.isArray(node)) return node.flatMap((item, i) => leaves(item, `${path}.${i}`));
	return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
		leaves(value, path ? `${path}.${key}` : key),
	);
}

/** Arguments to call a catalogue function with, where numbers will not do. */
const SAMPLE_ARGS: Record<string, unknown[]> = {
	'common.date': [new Date(Date.UTC(2026, 11, 6))],
	'common.list': [['Send Messages', 'Embed Links']],
	'setup.moderationSaved': ['<#1>', '<@&2>'],
	'setup.milestonesSaved': ['10, 25', 2],
	'errors.ofType': ['number'],
	'errors.invalidOption': ['city', 'some text'],
	'errors.tooLong': ['city', 100],
	'errors.missingOption': ['city'],
	'gig.duplicateBody': ['pending review', 3],
	'gig.alreadyReportedBody': ['pending review', 3],
};
const argsFor = (leaf: Leaf) =>
	SAMPLE_ARGS[leaf.path] ?? Array.from({ length: (leaf.value as () => string).length }, (_, i) => 1234 + i);
const render = (leaf: Leaf) =>
	typeof leaf.value === 'function' ? (leaf.value as (...a: unknown[]) => string)(...argsFor(leaf)) : String(leaf.value);

/** Strings that are rightly the same in both languages: brands, the hashtag, the word "No". */
const SAME_IN_BOTH = new Set([
	'common.no',
	'common.footer',
	'gig.modal.placeholders.link',
	...Object.keys(en.gig.connections)
		.filter((k) => k !== 'other_amazon')
		.flatMap((k) => [`gig.connections.${k}`, `commands.gig.subcommands.flag.options.connection.choices.${k}`]),
]);

/** Everyday English words that have no place in a Spanish sentence (code in backticks is left out). */
const ENGLISH = /\b(the|and|you|your|with|not|is|are|this|signed|signers|server|milestones?|channel|please)\b/i;

describe('catalogueFor and languageOfLocale', () => {
	it('gives Spanish to every es-* locale and English to everything else', () => {
		for (const locale of ['es-ES', 'es-419', 'es-MX', 'es']) {
			expect(catalogueFor(locale)).toBe(es);
			expect(languageOfLocale(locale)).toBe('es');
		}
		for (const locale of ['en-US', 'en-GB', 'fr', 'pt-BR', '', 'est', undefined, null]) {
			expect(catalogueFor(locale)).toBe(en);
			expect(languageOfLocale(locale)).toBe('en');
		}
		expect(catalogueOf('es')).toBe(es);
		expect(catalogueOf('en')).toBe(en);
	});
});

describe('serverLanguage', () => {
	it('takes the /setup language setting first, then the server’s Discord locale, then English', () => {
		expect(serverLanguage('en', 'es-419')).toBe('en');
		expect(serverLanguage('es', 'en-US')).toBe('es');
		expect(serverLanguage(null, 'es-419')).toBe('es');
		expect(serverLanguage(null, 'es-ES')).toBe('es');
		expect(serverLanguage(null, 'de')).toBe('en');
		expect(serverLanguage(null, null)).toBe('en');
		expect(serverLanguage(undefined, undefined)).toBe('en');
	});
});

describe('the catalogues', () => {
	it('have the same keys, the same kinds of value and the same number of parameters', () => {
		const shape = (c: Catalogue) =>
			leaves(c)
				.map(({ path, value }) => `${path}:${typeof value}${typeof value === 'function' ? value.length : ''}`)
				.sort();
		expect(shape(es)).toEqual(shape(en));
		expect(leaves(en).length).toBeGreaterThan(150);
	});

	it('translate every string but brand names: Spanish output differs from English for the same arguments', () => {
		const english = new Map(leaves(en).map((leaf) => [leaf.path, render(leaf)]));
		const untranslated = leaves(es)
			.filter((leaf) => !SAME_IN_BOTH.has(leaf.path) && render(leaf) === english.get(leaf.path))
			.map((leaf) => leaf.path);
		expect(untranslated).toEqual([]);
	});

	it('leave no English words in the Spanish sentences', () => {
		const leaked = leaves(es)
			.filter((leaf) => !leaf.path.startsWith('commands.') && !SAME_IN_BOTH.has(leaf.path))
			.map((leaf) => ({ path: leaf.path, text: render(leaf).replace(/`[^`]*`/g, '') }))
			.filter(({ text }) => ENGLISH.test(text.replace(/Amazon \w+|Fight for the Future|#NoMusicForIce/g, '')));
		expect(leaked).toEqual([]);
	});

	it('keep the letter: four demands naming ICE, CBP, ORR, Palantir and facial recognition in both languages', () => {
		for (const t of [en, es]) expect(t.demands.list).toHaveLength(4);
		expect(en.demands.list.join(' ')).toMatch(/ICE, CBP, ORR[\s\S]*Palantir[\s\S]*facial recognition/);
		expect(es.demands.list.join(' ')).toMatch(/ICE, CBP, ORR[\s\S]*Palantir[\s\S]*reconocimiento facial/);
		expect(Object.keys(en.gig.connections).sort()).toEqual(
			['amazon_music', 'audible', 'aws', 'other_amazon', 'prime_video', 'ring', 'twitch', 'whole_foods'].sort(),
		);
	});

	it('speak to musicians, not developers: no "in clear", no True/False, Discord’s permission names', () => {
		for (const t of [en, es]) {
			const all = leaves(t).map(render).join('\n');
			expect(all).not.toMatch(/in clear|True|False|SendMessages|EmbedLinks|ManageGuild/);
		}
		expect(en.setup.botMissing('<#1>', 'Send Messages')).toContain('Edit Channel → Permissions');
		expect(en.setup.botMissing('<#1>', 'Send Messages')).toContain('Server Settings → Roles');
		expect(es.setup.botMissing('<#1>', 'Enviar mensajes')).toContain('Editar canal → Permisos');
		expect(es.setup.channelProblems.missingAccess).toContain('**Ver canales**');
	});

	it('name options in answers as the member’s Discord shows them', () => {
		expect(es.errors.tooLong('artist_name', 100)).toContain('`nombre_artistico`');
		expect(es.errors.missingOption('date')).toContain('`fecha`');
		expect(es.setup.thresholdsInvalid(25)).toContain('`cifras`');
		expect(es.pledge.notSignedBody).toContain('`/compromiso firmar`');
		expect(en.errors.tooLong('artist_name', 100)).toContain('`artist_name`');
	});

	it('write numbers inside sentences the way each language does', () => {
		expect(en.milestone.body(1234)).toContain('**1,234**');
		expect(es.milestone.body(1234)).toContain('**1.234**');
		expect(es.pledge.signersSummary(1, 1500)).toBe('1 persona eligió aparecer en la lista, de 1.500 firmas en total.');
		expect(en.pledge.signersSummary(2, 1500)).toBe('2 signers chose to be listed, out of 1,500 in total.');
	});

	it('celebrate a milestone with progress towards the next one that does not read 0 %', () => {
		expect(en.milestone.nextValue(50, 25)).toBe('50 (25 to go)');
		expect(es.milestone.nextValue(50, 49)).toBe('50 (falta 1)');
		expect(en.milestone.progressValue(25, 50)).toBe('25 of 50 (50%)');
		expect(es.milestone.progressValue(1000, 2500)).toBe('1.000 de 2.500 (40\u00a0%)');
		expect(en.milestone.howToSign).toContain('/pledge sign');
		expect(es.milestone.title(1000)).toBe('¡1.000 artistas ya han firmado el compromiso!');
	});
});

describe('format', () => {
	it('groups thousands as each language does, from four digits on', () => {
		expect(formatNumber('en', 1234)).toBe('1,234');
		expect(formatNumber('es', 1234)).toBe('1.234');
		expect(formatNumber('es', 1234567n)).toBe('1.234.567');
		expect(formatNumber('en', 12)).toBe('12');
	});

	it('writes dates with the language’s month names, in UTC', () => {
		const date = new Date(Date.UTC(2019, 11, 6, 23, 30));
		expect(formatDate('en', date)).toBe('December 6, 2019');
		expect(formatDate('es', date)).toBe('6 de diciembre de 2019');
		expect(formatDate('en', date, 'short')).toBe('Dec 6');
		expect(formatDate('es', date, 'short')).toBe('6 dic');
		expect(formatDate('es', date, 'month')).toBe('diciembre de 2019');
	});

	it('writes whole percentages, rounded down and kept between 0 and 100', () => {
		expect(formatPercent('en', 0.999)).toBe('99%');
		expect(formatPercent('es', 0.4)).toBe('40\u00a0%');
		expect(formatPercent('en', 1.5)).toBe('100%');
		expect(formatPercent('en', -1)).toBe('0%');
	});
});

describe('permissionNames', () => {
	it('names permissions as Discord’s settings do, in the member’s language', () => {
		const bits = [1n << 11n, 1n << 14n]; // Send Messages, Embed Links
		expect(permissionNames(en, bits)).toBe('Send Messages, Embed Links');
		expect(permissionNames(es, bits)).toBe('Enviar mensajes, Insertar enlaces');
	});
});
