import type { Interaction } from 'discord.js';
import { respond } from '../discord/messages.js';
import { catalogueFor } from '../i18n/index.js';
import type { Logger } from '../log.js';

/**
 * The answer to an interaction that came while the database was still opening and waited longer than the start-up
 * grace (src/bot.ts): ephemeral, in the member's language, before Discord's 3 s are up. It is never handled later,
 * so nothing the member sent is saved. Autocomplete gets no suggestions. Never rejects.
 */
export async function answerStarting(interaction: Interaction, log: Logger): Promise<void> {
	try {
		if (interaction.isAutocomplete()) await interaction.respond([]);
		else if (interaction.isRepliable())
			await respond(interaction, { content: catalogueFor(interaction.locale).errors.starting }, 'ephemeral');
		else return;
		log.info({ interactionId: interaction.id, type: interaction.type }, 'interaction answered while starting');
	} catch (error) {
		log.warn({ err: error, interactionId: interaction.id }, 'could not answer interaction while starting');
	}
}
