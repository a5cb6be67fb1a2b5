// Every command the bot registers, as Discord's API JSON: pure data (declarations and catalogues), read by
// `npm run deploy-commands`, which must never open the database or the gateway.
import { campaignSpec } from './campaign/definition.js';
import { commandJSON } from './declaration/json.js';
import { demandsSpec } from './demands/definition.js';
import { flagMessageJSON } from './flagMessage/definition.js';
import { gigSpec } from './gig/definition.js';
import { helpSpec } from './help/definition.js';
import { pledgeSpec } from './pledge/definition.js';
import { setupSpec } from './setup/definition.js';

/** The declarations, in the order deploy-commands prints them. */
export const commandSpecs = [pledgeSpec, demandsSpec, gigSpec, setupSpec, campaignSpec, helpSpec] as const;

export type CommandName = (typeof commandSpecs)[number]['name'];

/** What `PUT /applications/{id}/commands` receives: the slash commands, then the message menu. */
export const commandDefinitions = [...commandSpecs.map(commandJSON), flagMessageJSON];
