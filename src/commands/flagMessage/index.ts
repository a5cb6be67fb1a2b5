// Flag from a message: the context menu opens a modal prefilled with the message's first link; submitting it files
// the flag exactly as /gig flag does (same option rules, flood limit, duplicates, moderation post, answer).
import {
	ActionRowBuilder,
	type CommandInteractionOption,
	type MessageContextMenuCommandInteraction,
	ModalBuilder,
	TextInputBuilder,
	TextInputStyle,
} from 'discord.js';
import { CONNECTION_KINDS, type ConnectionKind } from '../../campaign.js';
import type { BotContext } from '../../context.js';
import { encodeCustomId } from '../../discord/customId.js';
import { requireGuildId } from '../../discord/guild.js';
import { UserError } from '../../discord/userError.js';
import { type Catalogue, catalogueOf, LANGUAGES } from '../../i18n/index.js';
import type { ComponentHandler } from '../declaration/components.js';
import { parseOptions } from '../declaration/parse.js';
import type { StringSpec } from '../declaration/spec.js';
import { gigSpec } from '../gig/definition.js';
import { fileFlag } from '../gig/flag.js';
import { MODAL_FIELDS } from './definition.js';

const FLAG_OPTIONS = gigSpec.subcommands.flag.options;
/** Discord's limit on a text input's label. */
const LABEL_MAX = 45;
const FIRST_LINK = /https?:\/\/[^\s<>()[\]"']+/i;

/** The first http(s) link of the message: its text first, then its embeds' links. */
export function firstLink(message: { content: string; embeds: readonly { url: string | null }[] }): string | undefined {
	const inText = FIRST_LINK.exec(message.content)?.[0];
	return inText ?? message.embeds.find((e) => e.url && /^https?:\/\//i.test(e.url))?.url ?? undefined;
}

/** A connection typed as its id (`amazon_music`, `amazon music`) or its label in either language (`Amazon Music`). */
export function connectionFrom(text: string): ConnectionKind | undefined {
	const typed = text.trim().toLowerCase();
	const asId = typed.replace(/[\s-]+/g, '_');
	const byId = CONNECTION_KINDS.find((kind) => kind === asId);
	if (byId) return byId;
	const labelled = (kind: ConnectionKind) => LANGUAGES.map((l) => catalogueOf(l).gig.connections[kind].toLowerCase());
	const exact = CONNECTION_KINDS.find((kind) => labelled(kind).includes(typed));
	if (exact) return exact;
	const partial = CONNECTION_KINDS.filter((kind) => typed.length >= 3 && labelled(kind).some((l) => l.includes(typed)));
	return partial.length === 1 ? partial[0] : undefined;
}

function input(t: Catalogue, field: (typeof MODAL_FIELDS)[number], value: string | undefined) {
	const spec: StringSpec = FLAG_OPTIONS[field];
	const builder = new TextInputBuilder()
		.setCustomId(field)
		.setLabel(t.gig.modal[field].slice(0, LABEL_MAX))
		.setStyle(TextInputStyle.Short)
		.setRequired(true)
		.setMaxLength(field === 'connection' ? 100 : (spec.maxLength ?? 4000))
		.setPlaceholder(t.gig.modal.placeholders[field]);
	if (value !== undefined && value.length <= (spec.maxLength ?? 4000)) builder.setValue(value);
	return new ActionRowBuilder<TextInputBuilder>().addComponents(builder);
}

/** Apps → Flag Amazon-linked gig: the modal, with the message's first link as the evidence. */
export async function openFlagModal(interaction: MessageContextMenuCommandInteraction, _ctx: BotContext, t: Catalogue) {
	requireGuildId(interaction, t);
	const link = firstLink(interaction.targetMessage);
	const modal = new ModalBuilder()
		.setCustomId(encodeCustomId({ kind: 'flag-modal' }))
		.setTitle(t.gig.modal.title)
		.addComponents(MODAL_FIELDS.map((field) => input(t, field, field === 'link' ? link : undefined)));
	await interaction.showModal(modal);
}

/** The modal's answer: its fields become /gig flag's options and go through the same parser and the same filing. */
export const submitFlagModal: ComponentHandler<'flag-modal'> = async (interaction, _id, ctx, t) => {
	if (!interaction.isModalSubmit()) throw new UserError(t.errors.expiredButton);
	const value = (field: string) => {
		const found = interaction.fields.fields.find((f) => f.customId === field);
		return found && 'value' in found && typeof found.value === 'string' ? found.value : undefined;
	};
	const typedConnection = value('connection');
	const connection = typedConnection === undefined ? undefined : connectionFrom(typedConnection);
	if (typedConnection !== undefined && typedConnection.trim() !== '' && !connection) {
		const choices = CONNECTION_KINDS.map((kind) => `\`${kind}\``).join(', ');
		throw new UserError(t.errors.invalidOption(t.gig.modal.connection, t.gig.expected.connectionIn(choices)));
	}
	const sent: CommandInteractionOption[] = MODAL_FIELDS.flatMap((field) => {
		const text = field === 'connection' ? connection : value(field);
		return text === undefined ? [] : [{ name: field, type: 3, value: text }];
	});
	const options = parseOptions(gigSpec, 'flag', FLAG_OPTIONS, sent, t, ctx.now());
	await fileFlag(interaction, options, ctx, t);
};
