import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { Catalogue } from '../i18n/index.js';

/** Previous/Next buttons; none when everything fits on one page. */
export function pageButtons(t: Catalogue, page: number, pageCount: number, idFor: (page: number) => string) {
	if (pageCount <= 1) return [];
	return [
		new ActionRowBuilder<ButtonBuilder>().addComponents(
			new ButtonBuilder()
				.setCustomId(idFor(Math.max(1, page - 1)))
				.setLabel(t.common.previous)
				.setStyle(ButtonStyle.Secondary)
				.setDisabled(page <= 1),
			new ButtonBuilder()
				.setCustomId(idFor(Math.min(pageCount, page + 1)))
				.setLabel(t.common.next)
				.setStyle(ButtonStyle.Secondary)
				.setDisabled(page >= pageCount),
		),
	];
}

/** Page numbers members may ask for; the handlers clamp to the last page. */
export const PAGE_OPTION = { type: 'integer', min: 1, max: 1_000_000 } as const;
