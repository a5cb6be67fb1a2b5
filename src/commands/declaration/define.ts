import { type AutocompleteInteraction, type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import { InteractionContextType } from 'discord-api-types/v10';
import type { BotContext } from '../../context.js';
import { requireManageGuild } from '../../discord/permissions.js';
import { UserError } from '../../discord/userError.js';
import type { Catalogue } from '../../i18n/index.js';
import { parseOptions, subcommandOf } from './parse.js';
import type { CommandSpec, OptionSpecs, OptionValues } from './spec.js';

export type SubcommandHandler<O extends OptionSpecs> = (
	interaction: ChatInputCommandInteraction,
	options: OptionValues<O>,
	ctx: BotContext,
	t: Catalogue,
) => Promise<void>;

/** One handler per declared subcommand: a subcommand without a handler is a compile error. */
export type Handlers<S extends CommandSpec> = {
	[K in keyof S['subcommands']]: SubcommandHandler<S['subcommands'][K]['options']>;
};

/** Suggestions for a focused option (autocomplete), already in Discord's shape. */
export type Suggest = (
	interaction: AutocompleteInteraction,
	focused: string,
	ctx: BotContext,
	t: Catalogue,
) => Promise<{ name: string; value: string }[]>;

/** What the router needs of a slash command: its declaration, and one entry point each for commands and autocomplete. */
export interface Command {
	spec: CommandSpec;
	run(interaction: ChatInputCommandInteraction, ctx: BotContext, t: Catalogue): Promise<void>;
	suggest(interaction: AutocompleteInteraction, ctx: BotContext, t: Catalogue): Promise<void>;
}

/** Autocomplete sources by subcommand and option. */
export type Suggestions<S extends CommandSpec> = {
	[K in keyof S['subcommands']]?: { [O in keyof S['subcommands'][K]['options']]?: Suggest };
};

/**
 * Binds a declaration to its handlers: picks the subcommand Discord named, parses its options against the
 * declaration, defers when the declaration says the answer can wait, then calls the handler.
 */
export function defineCommand<const S extends CommandSpec>(
	spec: S,
	handlers: Handlers<S>,
	suggestions: Suggestions<S> = {},
): Command {
	const entry = (name: string) =>
		Object.hasOwn(spec.subcommands, name)
			? { sub: spec.subcommands[name], handler: (handlers as Record<string, SubcommandHandler<OptionSpecs>>)[name] }
			: undefined;
	return {
		spec,
		async run(interaction, ctx, t) {
			// A server's command used elsewhere (a forged or stale DM payload) is refused before any defer.
			if (!interaction.guildId && !spec.contexts.includes(InteractionContextType.BotDM)) {
				throw new UserError(t.errors.guildOnly);
			}
			// Whatever a server set as the command's default permissions, checked here before anything else.
			if (spec.manageGuild) requireManageGuild(interaction, t);
			const { subcommand, options } = subcommandOf(interaction.options.data);
			const found = entry(subcommand);
			if (!found?.sub || !found.handler) throw new UserError(t.errors.unknownCommand);
			if (found.sub.manageGuild) requireManageGuild(interaction, t);
			const values = parseOptions(spec, subcommand, found.sub.options, options, t, ctx.now());
			if (found.sub.defer) {
				await interaction.deferReply(found.sub.defer === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {});
			}
			await found.handler(interaction, values, ctx, t);
		},
		async suggest(interaction, ctx, t) {
			const { subcommand } = subcommandOf(interaction.options.data);
			const focused = interaction.options.getFocused(true);
			const bySub = Object.hasOwn(suggestions, subcommand)
				? (suggestions as Record<string, Record<string, Suggest> | undefined>)[subcommand]
				: undefined;
			const source = bySub && Object.hasOwn(bySub, focused.name) ? bySub[focused.name] : undefined;
			const choices = source ? await source(interaction, String(focused.value), ctx, t) : [];
			await interaction.respond(choices.slice(0, 25));
		},
	};
}
