// The help text: what the bot is for, every command a member can use as a clickable mention, and for admins the
// set-up checklist. Also what the bot posts once when it joins a server.
import { type APIEmbed, type Client, chatInputApplicationCommandMention } from 'discord.js';
import { CAMPAIGN_COLOUR, HASHTAG } from '../../campaign.js';
import type { BotContext } from '../../context.js';
import type { Catalogue } from '../../i18n/index.js';
import { labelsOf } from '../declaration/labels.js';
import type { CommandSpec } from '../declaration/spec.js';
import { commandSpecs } from '../definitions.js';
import { checklistFields, setupChecklist } from '../setup/checklist.js';

/** Registered command ids by name (global commands, and this server's when they were deployed to it). */
async function commandIds(client: Client, guildId: string | null): Promise<Map<string, string>> {
	const ids = new Map<string, string>();
	const global = await client.application?.commands.fetch().catch(() => undefined);
	for (const command of global?.values() ?? []) ids.set(command.name, command.id);
	if (guildId) {
		const local = await client.guilds.cache
			.get(guildId)
			?.commands.fetch()
			.catch(() => undefined);
		for (const command of local?.values() ?? []) ids.set(command.name, command.id);
	}
	return ids;
}

/** One line per command a member can use: its clickable mention (plain `/name` if not registered) and what it does. */
export async function commandLines(client: Client, guildId: string | null, t: Catalogue, admin: boolean) {
	const ids = await commandIds(client, guildId);
	return (commandSpecs as readonly CommandSpec[]).flatMap((spec) =>
		Object.entries(spec.subcommands)
			.filter(([, sub]) => admin || !(spec.manageGuild || sub.manageGuild))
			.map(([sub]) => {
				const id = ids.get(spec.name);
				const mention = id
					? sub
						? chatInputApplicationCommandMention(spec.name, sub, id)
						: chatInputApplicationCommandMention(spec.name, id)
					: `/${[labelsOf(t, spec).name, sub && labelsOf(t, spec, sub).name].filter(Boolean).join(' ')}`;
				return `${mention} — ${labelsOf(t, spec, sub).description ?? ''}`;
			}),
	);
}

/** The set-up checklist as an embed: the server's state, the bot's missing permissions, the commands to fix each. */
export async function checklistEmbed(
	place: { client: Client; guildId: string; guildLocale: string | null },
	ctx: BotContext,
	t: Catalogue,
): Promise<APIEmbed> {
	const items = await setupChecklist(place, ctx, t, place.guildId, true);
	return {
		color: CAMPAIGN_COLOUR,
		title: t.help.checklistTitle,
		description: t.help.checklistIntro,
		fields: checklistFields(t, items),
	};
}

export async function helpEmbeds(
	place: { client: Client; guildId: string; guildLocale: string | null },
	ctx: BotContext,
	t: Catalogue,
	admin: boolean,
): Promise<APIEmbed[]> {
	const [lines, checklist] = await Promise.all([
		commandLines(place.client, place.guildId, t, admin),
		admin ? checklistEmbed(place, ctx, t) : undefined,
	]);
	const about: APIEmbed = {
		color: CAMPAIGN_COLOUR,
		title: t.help.title,
		description: `${t.help.about}\n\n${lines.join('\n')}\n\n${t.help.menu(t.commands.flagMessage.name)}`,
		footer: { text: `${HASHTAG} · ${t.help.privacy}` },
	};
	return checklist ? [about, checklist] : [about];
}
