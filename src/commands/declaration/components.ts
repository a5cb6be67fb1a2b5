import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import type { BotContext } from '../../context.js';
import type { CustomId } from '../../discord/customId.js';
import type { Catalogue } from '../../i18n/index.js';

export type ComponentInteraction = ButtonInteraction | ModalSubmitInteraction;

/** Handles one custom_id kind; gets the id already decoded and typed. */
export type ComponentHandler<K extends CustomId['kind'] = CustomId['kind']> = (
	interaction: ComponentInteraction,
	id: Extract<CustomId, { kind: K }>,
	ctx: BotContext,
	t: Catalogue,
) => Promise<void>;

/**
 * One handler per custom_id kind: a kind without a handler is a compile error. Written out rather than through
 * ComponentHandler<K>, so one handler may serve several kinds (its id type a union of theirs).
 */
export type ComponentHandlers = {
	[K in CustomId['kind']]: (
		interaction: ComponentInteraction,
		id: Extract<CustomId, { kind: K }>,
		ctx: BotContext,
		t: Catalogue,
	) => Promise<void>;
};
