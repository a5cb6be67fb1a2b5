import {
	ApplicationCommandType,
	InteractionContextType,
	type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { COMMAND_LOCALES, en } from '../../i18n/index.js';

/** The message menu Apps → "Flag Amazon-linked gig": a modal prefilled from the message, then /gig flag. */
export const flagMessageJSON: RESTPostAPIContextMenuApplicationCommandsJSONBody = {
	type: ApplicationCommandType.Message,
	name: en.commands.flagMessage.name,
	...(COMMAND_LOCALES.length > 0
		? {
				name_localizations: Object.fromEntries(
					COMMAND_LOCALES.map(({ locale, catalogue }) => [locale, catalogue.commands.flagMessage.name]),
				),
			}
		: {}),
	contexts: [InteractionContextType.Guild],
};

/** The modal's five text inputs (a modal holds no more): /gig flag's options but `details`. */
export const MODAL_FIELDS = ['event', 'venue', 'date', 'connection', 'link'] as const;
