// Discord's "Invalid Form Body" (50035) checks for the limits a bot is most likely to break.
import type { MessageBody } from './payloads.js';

export interface FormError {
	code: string;
	message: string;
}
/** Discord's nested error tree: `{ content: { _errors: [...] }, embeds: { '0': { title: { _errors } } } }`. */
export type ErrorTree = { _errors?: FormError[] } & { [key: string]: ErrorTree | FormError[] | undefined };

export interface DiscordError {
	code: number;
	message: string;
	errors?: ErrorTree;
}

class Collector {
	readonly tree: ErrorTree = {};
	empty = true;

	add(path: ReadonlyArray<string | number>, code: string, message: string): void {
		let node = this.tree;
		for (const key of path) {
			const child = (node[String(key)] as ErrorTree | undefined) ?? {};
			node[String(key)] = child;
			node = child;
		}
		node._errors = [...(node._errors ?? []), { code, message }];
		this.empty = false;
	}

	maxLength(path: ReadonlyArray<string | number>, value: unknown, max: number): void {
		if (typeof value === 'string' && [...value].length > max) {
			this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
		}
	}

	length(path: ReadonlyArray<string | number>, value: unknown, min: number, max: number): void {
		const length = typeof value === 'string' ? [...value].length : 0;
		if (length < min || length > max) {
			this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
		}
	}

	result(): DiscordError | undefined {
		return this.empty ? undefined : { code: 50035, message: 'Invalid Form Body', errors: this.tree };
	}
}

const IS_COMPONENTS_V2 = 32768;

/**
 * Checks a message body (create, edit, or callback data). `prefix` nests the errors as Discord does for
 * interaction callbacks (`data.content`). Creations must not be empty (50006).
 */
export function validateMessage(
	body: MessageBody,
	options: { creation: boolean; fileCount: number; prefix?: string[] },
): DiscordError | undefined {
	const prefix = options.prefix ?? [];
	const errors = new Collector();
	const v2 = ((body.flags ?? 0) & IS_COMPONENTS_V2) !== 0;
	if (v2 && typeof body.content === 'string' && body.content.length > 0) {
		errors.add(
			[...prefix, 'content'],
			'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
			"The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
		);
	}
	errors.maxLength([...prefix, 'content'], body.content, 2000);
	const embeds = Array.isArray(body.embeds) ? body.embeds : [];
	if (embeds.length > 10) errors.add([...prefix, 'embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
	let embedChars = 0;
	embeds.forEach((raw, index) => {
		const embed = (raw ?? {}) as Record<string, unknown>;
		const at = [...prefix, 'embeds', index];
		const footer = embed.footer as { text?: unknown } | undefined;
		const author = embed.author as { name?: unknown } | undefined;
		errors.maxLength([...at, 'title'], embed.title, 256);
		errors.maxLength([...at, 'description'], embed.description, 4096);
		errors.maxLength([...at, 'footer', 'text'], footer?.text, 2048);
		errors.maxLength([...at, 'author', 'name'], author?.name, 256);
		embedChars += textLength(embed.title) + textLength(embed.description);
		embedChars += textLength(footer?.text) + textLength(author?.name);
		const fields = Array.isArray(embed.fields) ? (embed.fields as Array<Record<string, unknown>>) : [];
		if (fields.length > 25) errors.add([...at, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
		fields.forEach((field, fieldIndex) => {
			errors.length([...at, 'fields', fieldIndex, 'name'], field.name, 1, 256);
			errors.length([...at, 'fields', fieldIndex, 'value'], field.value, 1, 1024);
			embedChars += textLength(field.name) + textLength(field.value);
		});
	});
	if (embedChars > 6000) {
		errors.add([...prefix, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
	}
	if (!v2) validateActionRows(errors, [...prefix, 'components'], body.components);
	const problem = errors.result();
	if (problem) return problem;
	const hasBody =
		(typeof body.content === 'string' && body.content.length > 0) ||
		embeds.length > 0 ||
		(Array.isArray(body.components) && body.components.length > 0) ||
		options.fileCount > 0 ||
		body.poll !== undefined ||
		(Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0);
	if (options.creation && !hasBody) return { code: 50006, message: 'Cannot send an empty message' };
	return undefined;
}

function validateActionRows(errors: Collector, at: Array<string | number>, components: unknown): void {
	if (!Array.isArray(components)) return;
	if (components.length > 5) errors.add(at, 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
	components.forEach((raw, rowIndex) => {
		const row = (raw ?? {}) as { components?: unknown };
		const children = Array.isArray(row.components) ? (row.components as Array<Record<string, unknown>>) : [];
		const rowAt = [...at, rowIndex, 'components'];
		if (children.length > 5) errors.add(rowAt, 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
		children.forEach((child, index) => {
			errors.maxLength([...rowAt, index, 'custom_id'], child.custom_id, 100);
			errors.maxLength([...rowAt, index, 'label'], child.label, 80);
		});
	});
}

function textLength(value: unknown): number {
	return typeof value === 'string' ? [...value].length : 0;
}

// Chat input names: lowercase letters (any script), digits, - and _; 1–32 characters.
const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
// User and message (context-menu) commands: 1–32 characters, mixed case and spaces allowed.
const CONTEXT_MENU_NAME = /^[^\p{Cc}]{1,32}$/u;

/** A name and each of its localizations, by the rule for its kind; descriptions' localizations 1–100. */
function validateNames(
	errors: Collector,
	at: Array<string | number>,
	item: Record<string, unknown>,
	isValid: (name: string) => boolean,
): void {
	const names = [item.name, ...Object.values((item.name_localizations ?? {}) as Record<string, unknown>)];
	if (names.some((name) => typeof name !== 'string' || !isValid(name))) {
		errors.add([...at, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
	}
	for (const [locale, text] of Object.entries((item.description_localizations ?? {}) as Record<string, unknown>)) {
		errors.length([...at, 'description_localizations', locale], text, 1, 100);
	}
}
const chatInputName = (name: string) => COMMAND_NAME.test(name) && name === name.toLowerCase();

/** Checks a bulk-overwrite of application commands (PUT /applications/:app/commands). */
export function validateCommands(commands: unknown): DiscordError | undefined {
	const errors = new Collector();
	if (!Array.isArray(commands)) {
		errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
		return errors.result();
	}
	const seen = new Set<string>();
	commands.forEach((raw, index) => {
		const command = (raw ?? {}) as Record<string, unknown>;
		const type = typeof command.type === 'number' ? command.type : 1;
		const name = command.name;
		validateNames(errors, [index], command, type === 1 ? chatInputName : (n) => CONTEXT_MENU_NAME.test(n.trim()));
		if (typeof name === 'string') {
			const key = `${type}:${name}`;
			if (seen.has(key)) {
				errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
			}
			seen.add(key);
		}
		if (type === 1) errors.length([index, 'description'], command.description, 1, 100);
		validateLocalizations(errors, [index], command);
		validateOptions(errors, [index, 'options'], command.options);
	});
	return errors.result();
}

function validateOptions(errors: Collector, at: Array<string | number>, options: unknown): void {
	if (!Array.isArray(options)) return;
	if (options.length > 25) errors.add(at, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
	let optionalSeen = false;
	options.forEach((raw, index) => {
		const option = (raw ?? {}) as Record<string, unknown>;
		validateNames(errors, [...at, index], option, chatInputName);
		errors.length([...at, index, 'description'], option.description, 1, 100);
		validateLocalizations(errors, [...at, index], option);
		if (Array.isArray(option.choices)) {
			(option.choices as Array<Record<string, unknown>>).forEach((choice, choiceIndex) => {
				for (const [locale, label] of localizationEntries(choice.name_localizations)) {
					const where = [...at, index, 'choices', choiceIndex, 'name_localizations', locale];
					if (!DISCORD_LOCALES.has(locale)) errors.add(where, 'BASE_TYPE_CHOICES', 'Value must be a valid locale.');
					errors.length(where, label, 1, 100);
				}
			});
		}
		const isGroup = option.type === 1 || option.type === 2;
		if (!isGroup) {
			if (option.required === true && optionalSeen) {
				errors.add(
					[...at, index, 'required'],
					'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
					'Required options must be placed before non-required options',
				);
			}
			if (option.required !== true) optionalSeen = true;
		}
		if (Array.isArray(option.choices) && option.choices.length > 25) {
			errors.add([...at, index, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
		}
		validateOptions(errors, [...at, index, 'options'], option.options);
	});
	// Like the English names, the names of one level must differ in every locale.
	const localizedNames = new Map<string, number>();
	options.forEach((raw, index) => {
		const option = (raw ?? {}) as Record<string, unknown>;
		for (const [locale, name] of localizationEntries(option.name_localizations)) {
			const key = `${locale}:${String(name)}`;
			if (localizedNames.has(key)) {
				errors.add(
					[...at, index, 'name_localizations', locale],
					'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS',
					'Option names must be unique',
				);
			}
			localizedNames.set(key, index);
		}
	});
}

/** Discord's locales (https://discord.com/developers/docs/reference#locales). */
const DISCORD_LOCALES = new Set(
	(
		'id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro fi sv-SE vi tr cs el bg ru uk hi th ' +
		'zh-CN ja zh-TW ko'
	).split(' '),
);

function localizationEntries(map: unknown): [string, unknown][] {
	return map && typeof map === 'object' ? Object.entries(map as Record<string, unknown>) : [];
}

/** Localization keys must be Discord locales (the names and descriptions themselves are checked by validateNames). */
function validateLocalizations(errors: Collector, at: Array<string | number>, node: Record<string, unknown>): void {
	for (const field of ['name_localizations', 'description_localizations']) {
		for (const [locale] of localizationEntries(node[field])) {
			if (!DISCORD_LOCALES.has(locale)) {
				errors.add([...at, field, locale], 'BASE_TYPE_CHOICES', 'Value must be a valid locale.');
			}
		}
	}
}
