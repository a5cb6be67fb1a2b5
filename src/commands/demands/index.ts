import { respond } from '../../discord/messages.js';
import { defineCommand } from '../declaration/define.js';
import { demandsSpec } from './definition.js';
import { demandsView } from './view.js';

/** Public: the pledge and the four demands, for anyone to read and share. */
export const demandsCommand = defineCommand(demandsSpec, {
	'': async (interaction, _options, _ctx, t) => {
		await respond(interaction, { embeds: [demandsView(t)] }, 'public');
	},
});
