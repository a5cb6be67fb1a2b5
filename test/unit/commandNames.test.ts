import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/commands/definitions.js';
import { type Catalogue, en } from '../../src/i18n/en.js';
import { es } from '../../src/i18n/es.js';

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

describe('the registered commands', () => {
	type Node = {
		type?: number;
		name: string;
		description?: string;
		options?: readonly Node[];
		choices?: readonly { name: string; name_localizations?: Record<string, string> | null }[];
		name_localizations?: Record<string, string> | null;
		description_localizations?: Record<string, string> | null;
	};
	const walk = (node: Node, where: string, top = true): { node: Node; where: string; menu: boolean }[] => [
		{ node, where, menu: top && (node.type === 2 || node.type === 3) },
		...(node.options ?? []).flatMap((o) => walk(o, `${where} ${o.name}`, false)),
	];
	const everything = (commandDefinitions as unknown as readonly Node[]).flatMap((c) => walk(c, `/${c.name}`));

	it('carry Spanish names and descriptions for es-ES and es-419 at every level, by Discord’s rule', () => {
		const found: string[] = [];
		for (const { node, where, menu } of everything) {
			for (const locale of ['es-ES', 'es-419']) {
				const name = node.name_localizations?.[locale];
				// Message and user menus (types 2, 3): 1–32 characters, spaces and capitals allowed, no description.
				if (menu) {
					if (!name || name.length > 32) found.push(`${where} ${locale}: "${name}"`);
					continue;
				}
				if (!name || !NAME.test(name) || name !== name.toLowerCase()) found.push(`${where} ${locale}: "${name}"`);
				const description = node.description_localizations?.[locale];
				if (!description || description.length > 100) found.push(`${where} ${locale}: description "${description}"`);
				for (const choice of node.choices ?? []) {
					const label = choice.name_localizations?.[locale];
					if (!label || label.length > 100) found.push(`${where} ${choice.name} ${locale}: "${label}"`);
				}
			}
		}
		expect(found).toEqual([]);
		expect(everything.find((e) => e.menu)?.node.name_localizations?.['es-419']).toBe('Reportar concierto de Amazon');
		expect(everything.find((e) => e.where === '/pledge sign artist_name')?.node.name_localizations).toEqual({
			'es-ES': 'nombre_artistico',
			'es-419': 'nombre_artistico',
		});
	});

	it('never give two options of a command or subcommand the same Spanish name', () => {
		for (const { node, where } of everything) {
			const names = (node.options ?? []).map((o) => o.name_localizations?.['es-ES']);
			expect(new Set(names).size, where).toBe(names.length);
		}
		const top = (commandDefinitions as unknown as readonly Node[]).map((c) => c.name_localizations?.['es-419']);
		expect(new Set(top).size).toBe(top.length);
	});
});
