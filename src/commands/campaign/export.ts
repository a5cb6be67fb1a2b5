import { AttachmentBuilder } from 'discord.js';
import { publicRoster, serverFlags } from '../../db/exports.js';
import { requireGuildId } from '../../discord/guild.js';
import { ephemeral, respond } from '../../discord/messages.js';
import type { SubcommandHandler } from '../declaration/define.js';
import type { NoOptions } from '../declaration/spec.js';
import { type CsvFile, packCsv } from './csvFiles.js';

/** Discord takes at most 10 files a message. */
const FILES_PER_MESSAGE = 10;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Organisers (Manage Server): the public roster and this server's gig flags as CSV files, privately. */
export const exportData: SubcommandHandler<NoOptions> = async (interaction, _options, ctx, t) => {
	const guildId = requireGuildId(interaction, t);
	const [roster, flags] = await Promise.all([publicRoster(ctx.db), serverFlags(ctx.db, guildId)]);
	const files: CsvFile[] = [
		...packCsv(
			'signers.csv',
			['name', 'city', 'signed_at'],
			roster.map((s) => [s.artistName, s.city, iso(s.signedAt)]),
		),
		...packCsv(
			'gigs.csv',
			['event', 'venue', 'date', 'connection', 'link', 'status', 'reports', 'flagged_at', 'reviewed_at', 'reason'],
			flags.map((f) => [
				f.event,
				f.venue,
				f.date,
				f.connection,
				f.link,
				f.status,
				f.reports,
				iso(f.createdAt),
				iso(f.reviewedAt),
				f.reason,
			]),
		),
	];
	ctx.log.info({ guildId, signers: roster.length, flags: flags.length, files: files.length }, 'campaign export');
	const attachments = files.map((f) => new AttachmentBuilder(f.data, { name: f.name }));
	const content = t.campaign.exported(roster.length, flags.length);
	await respond(interaction, { content, files: attachments.slice(0, FILES_PER_MESSAGE) }, 'ephemeral');
	for (let i = FILES_PER_MESSAGE; i < attachments.length; i += FILES_PER_MESSAGE) {
		await interaction.followUp(ephemeral({ files: attachments.slice(i, i + FILES_PER_MESSAGE) }));
	}
};
