import { randomBytes } from 'node:crypto';
import { type AutocompleteInteraction, DiscordAPIError, type Interaction, type RepliableInteraction } from 'discord.js';
import type { ComponentHandler } from '../commands/declaration/components.js';
import { commands, componentHandlers, messageCommands } from '../commands/index.js';
import type { BotContext } from '../context.js';
import { type CustomId, parseCustomId } from '../discord/customId.js';
import { ephemeral, respond } from '../discord/messages.js';
import { UserError } from '../discord/userError.js';
import { catalogueFor } from '../i18n/index.js';

/** Discord error codes that mean "too late or already answered": nothing more can be sent. */
const GONE = new Set([10062, 40060, 10015]);

/**
 * Routes every interaction and is the one error boundary: a UserError is answered as it is, anything
 * else gets a short reference id that is also in the log. It never rejects, whatever happens.
 */
export function createInteractionHandler(ctx: BotContext) {
	const inFlight = new Set<Promise<void>>();
	const handle = async (interaction: Interaction): Promise<void> => {
		if (interaction.isAutocomplete()) return suggest(interaction, ctx);
		if (!interaction.isRepliable()) return;
		const t = catalogueFor(interaction.locale);
		try {
			await route(interaction, ctx);
		} catch (error) {
			const ref = randomBytes(4).toString('hex');
			if (error instanceof UserError) {
				await answer(interaction, error.message, ctx, ref);
				return;
			}
			if (isGone(error)) {
				// Discord no longer takes an answer (too late, or answered): saying more would be refused too.
				ctx.log.warn(
					{ err: error, ref, code: error.code, ...describe(interaction) },
					'interaction expired before the answer',
				);
				return;
			}
			ctx.log.error({ err: error, ref, ...describe(interaction) }, 'interaction failed');
			await answer(interaction, t.errors.unexpected(ref), ctx, ref);
		}
	};
	return {
		/** For client.on('interactionCreate'): tracked so shutdown can wait for replies in flight. */
		onInteraction(interaction: Interaction): void {
			const done = handle(interaction).catch((error: unknown) =>
				ctx.log.error({ err: error }, 'error boundary failed'),
			);
			inFlight.add(done);
			void done.finally(() => inFlight.delete(done));
		},
		/** Resolves when every interaction being handled has been answered (or failed). */
		async drain(): Promise<void> {
			while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
		},
	};
}

async function route(interaction: RepliableInteraction, ctx: BotContext): Promise<void> {
	const t = catalogueFor(interaction.locale);
	if (interaction.isChatInputCommand()) {
		const command = commandNamed(interaction.commandName);
		if (!command) throw new UserError(t.errors.unknownCommand);
		await command.run(interaction, ctx, t);
		return;
	}
	if (interaction.isMessageContextMenuCommand()) {
		const name = interaction.commandName;
		const open = Object.hasOwn(messageCommands, name) ? messageCommands[name] : undefined;
		if (!open) throw new UserError(t.errors.unknownCommand);
		await open(interaction, ctx, t);
		return;
	}
	if (interaction.isButton() || interaction.isModalSubmit()) {
		const id = parseCustomId(interaction.customId);
		if (!id) throw new UserError(t.errors.expiredButton);
		const handler = componentHandlers[id.kind] as ComponentHandler<CustomId['kind']>;
		await handler(interaction, id, ctx, t);
		return;
	}
	throw new UserError(t.errors.unknownCommand);
}

/** Own keys only: a forged name such as `constructor` must not reach Object.prototype. */
function commandNamed(name: string) {
	return Object.hasOwn(commands, name) ? commands[name as keyof typeof commands] : undefined;
}

/** Autocomplete answers suggestions or, when anything goes wrong, none: it has no way to show an error. */
async function suggest(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
	const t = catalogueFor(interaction.locale);
	try {
		const command = commandNamed(interaction.commandName);
		if (command) await command.suggest(interaction, ctx, t);
		else await interaction.respond([]);
	} catch (error) {
		ctx.log.warn({ err: error, ...describe(interaction) }, 'autocomplete failed');
	}
}

/**
 * The refusal or error, ephemeral, in whatever state the interaction is in: the deferred answer is edited (a public
 * defer is replaced by an ephemeral follow-up, so a refusal is never shown to the channel), an answered one gets a
 * follow-up. A refusal by Discord is logged, never thrown.
 */
async function answer(interaction: RepliableInteraction, content: string, ctx: BotContext, ref: string): Promise<void> {
	try {
		if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
			await respond(interaction, { content, embeds: [], components: [] }, 'ephemeral');
		} else if (interaction.deferred && !interaction.replied) {
			await interaction.deleteReply();
			await interaction.followUp(ephemeral({ content }));
		} else if (interaction.replied) await interaction.followUp(ephemeral({ content }));
		else await respond(interaction, { content }, 'ephemeral');
	} catch (error) {
		const code = error instanceof DiscordAPIError ? error.code : undefined;
		ctx.log[isGone(error) ? 'warn' : 'error'](
			{ err: error, ref, code, ...describe(interaction) },
			'could not answer interaction',
		);
	}
}

function isGone(error: unknown): error is DiscordAPIError {
	return error instanceof DiscordAPIError && typeof error.code === 'number' && GONE.has(error.code);
}

function describe(interaction: RepliableInteraction | AutocompleteInteraction) {
	return {
		interactionId: interaction.id,
		guildId: interaction.guildId,
		type: interaction.type,
		command: interaction.isChatInputCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
		customId: interaction.isButton() || interaction.isModalSubmit() ? interaction.customId : undefined,
	};
}
