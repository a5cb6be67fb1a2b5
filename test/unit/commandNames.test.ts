import { describe, expect, it } from 'vitest';
import { type Catalogue, en } from '../../src/i18n/en.js';
import { es } from '../../src/i18n/es.js';
import { localized, localizedName } from '../../src/i18n/localizations.js';

// Discord's rule for slash-command, subcommand and option names (the CHAT_INPUT naming regex), lower case.
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Named = { name: string; description: string };
type Option = Named & { choices?: Readonly<Record<string, string>> };
type Subcommand = Named & { options: Readonly<Record<string, Option>> };

/** Every command of a catalogue's `commands` section: its own name and description, subcommands, options, choices. */
function commandsOf(t: Catalogue) {
	const { flagMessage, ...slash } = t.commands;
	return {
		flagMessage,
		slash: Object.entries(slash).map(([key, command]) => ({
			key,
			command: command as Named,
			subcommands: 'subcommands' in command ? Object.values(command.subcommands as Record<string, Subcommand>) : [],
		})),
	};
}

const catalogues = [
	['English', en],
	['Spanish', es],
] as const;

describe.each(catalogues)('the %s command picker', (_language, t) => {
	const { slash, flagMessage } = commandsOf(t);
	const problems = (named: Named, where: string) => {
		const found: string[] = [];
		if (!NAME.test(named.name) || named.name !== named.name.toLowerCase()) found.push(`${where}: name "${named.name}"`);
		if (named.description.length < 1 || named.description.length > 100) {
			found.push(`${where}: description of ${named.description.length} characters`);
		}
		return found;
	};

	it('names every command, subcommand and option by Discord’s rule, with descriptions of 1–100 characters', () => {
		const found: string[] = [];
		for (const { key, command, subcommands } of slash) {
			found.push(...problems(command, key));
			for (const sub of subcommands) {
				found.push(...problems(sub, `${key} ${sub.name}`));
				for (const option of Object.values(sub.options)) {
					found.push(...problems(option, `${key} ${sub.name} ${option.name}`));
					for (const [value, label] of Object.entries(option.choices ?? {})) {
						if (label.length < 1 || label.length > 100) found.push(`${key} ${sub.name} ${option.name} ${value}`);
					}
				}
			}
		}
		expect(found).toEqual([]);
	});

	it('never gives two commands, two subcommands of a command or two options of a subcommand the same name', () => {
		const duplicates = (names: string[]) => names.filter((name, i) => names.indexOf(name) !== i);
		expect(duplicates(slash.map((c) => c.command.name))).toEqual([]);
		for (const { subcommands } of slash) {
			expect(duplicates(subcommands.map((s) => s.name))).toEqual([]);
			for (const sub of subcommands) expect(duplicates(Object.values(sub.options).map((o) => o.name))).toEqual([]);
		}
	});

	it('names the message menu by the context-menu rule (1–32 characters, spaces and capitals allowed)', () => {
		expect(flagMessage.name.length).toBeGreaterThanOrEqual(1);
		expect(flagMessage.name.length).toBeLessThanOrEqual(32);
	});
});

describe('the Spanish command picker', () => {
	it('gives every command, subcommand and option a Spanish name of its own', () => {
		const names = (t: Catalogue) =>
			commandsOf(t).slash.flatMap(({ command, subcommands }) => [
				command.name,
				...subcommands.flatMap((s) => [s.name, ...Object.values(s.options).map((o) => o.name)]),
			]);
		const english = names(en);
		const spanish = names(es);
		expect(spanish).toHaveLength(english.length);
		expect(spanish.filter((name, i) => name === english[i])).toEqual([]);
		expect(es.commands.pledge.subcommands.sign.name).toBe('firmar');
	});
});

describe('localized', () => {
	it('gives es-ES and es-419 the Spanish catalogue’s names and descriptions', () => {
		expect(localized((c) => c.pledge.subcommands.sign.options.artist_name)).toEqual({
			name_localizations: { 'es-ES': 'nombre_artistico', 'es-419': 'nombre_artistico' },
			description_localizations: {
				'es-ES': es.commands.pledge.subcommands.sign.options.artist_name.description,
				'es-419': es.commands.pledge.subcommands.sign.options.artist_name.description,
			},
		});
		expect(localizedName((c) => c.flagMessage.name)).toEqual({
			name_localizations: { 'es-ES': es.commands.flagMessage.name, 'es-419': es.commands.flagMessage.name },
		});
	});
});
