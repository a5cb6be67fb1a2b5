import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import type { Catalogue } from '../i18n/index.js';
import type { BotContext } from './context.js';
import type { CustomId } from './customId.js';
import { UserError } from './userError.js';

export type CommandHandler = (interaction: ChatInputCommandInteraction, ctx: BotContext, t: Catalogue) => Promise<void>;

export type ComponentInteraction = ButtonInteraction | ModalSubmitInteraction;

/** Handles one custom_id kind; gets the id already decoded and typed. */
export type ComponentHandler<K extends CustomId['kind'] = CustomId['kind']> = (
	interaction: ComponentInteraction,
	id: Extract<CustomId, { kind: K }>,
	ctx: BotContext,
	t: Catalogue,
) => Promise<void>;

export type ComponentHandlers = { [K in CustomId['kind']]: ComponentHandler<K> };

/** The server the interaction came from; commands that record per-server data refuse DMs. */
export function requireGuildId(interaction: { guildId: string | null }, t: Catalogue): string {
	if (!interaction.guildId) throw new UserError(t.errors.guildOnly);
	return interaction.guildId;
}
