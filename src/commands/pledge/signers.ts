import { requireGuildId } from '../../discord/guild.js';
import { NO_PINGS, respond } from '../../discord/messages.js';
import { UserError } from '../../discord/userError.js';
import type { ComponentHandler } from '../declaration/components.js';
import type { SubcommandHandler } from '../declaration/define.js';
import type { pledgeSpec } from './definition.js';
import { signersMessage } from './views.js';

type SignersOptions = (typeof pledgeSpec)['subcommands']['signers']['options'];

/** Public: the roster of signers who chose to be listed. */
export const signers: SubcommandHandler<SignersOptions> = async (interaction, options, ctx, t) => {
	requireGuildId(interaction, t);
	await respond(interaction, await signersMessage(ctx.db, t, options.page ?? 1), 'public');
};

export const turnSignersPage: ComponentHandler<'signers'> = async (interaction, id, ctx, t) => {
	if (!interaction.isButton()) throw new UserError(t.errors.expiredButton);
	await interaction.update({ ...(await signersMessage(ctx.db, t, id.page)), allowedMentions: NO_PINGS });
};
