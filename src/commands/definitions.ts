// The slash commands as Discord's API JSON: pure data, read by the interaction router and by
// `npm run deploy-commands` (which must never open the database or the gateway).
import {
	ApplicationCommandType,
	ChannelType,
	InteractionContextType,
	ApplicationCommandOptionType as Option,
	PermissionFlagsBits,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { CONNECTION_KINDS } from '../campaign.js';
import { en } from '../i18n/en.js';
import { localizeCommands } from '../i18n/localizeCommands.js';

/** Option limits, shared by the definitions and the handlers' validation. */
export const LIMITS = {
	artistName: 100,
	city: 100,
	event: 200,
	venue: 200,
	link: 500,
	details: 1000,
	rejectReason: 500,
	thresholds: 200,
	maxThresholds: 25,
} as const;

const MANAGE_GUILD = PermissionFlagsBits.ManageGuild.toString();
const pageOption = {
	type: Option.Integer,
	name: 'page',
	description: 'Page number',
	min_value: 1,
	required: false,
} as const;

export const pledgeCommand = {
	type: ApplicationCommandType.ChatInput,
	name: 'pledge',
	description: 'The #NoMusicForIce pledge: no work with Amazon until it cuts ties with ICE',
	contexts: [InteractionContextType.Guild],
	options: [
		{
			type: Option.Subcommand,
			name: 'sign',
			description: 'Sign the pledge (private unless you choose public)',
			options: [
				{
					type: Option.String,
					name: 'artist_name',
					description: 'Your artist or band name',
					max_length: LIMITS.artistName,
				},
				{ type: Option.String, name: 'city', description: 'Where you are based', max_length: LIMITS.city },
				{ type: Option.Boolean, name: 'public', description: 'List your name in /pledge signers (default: no)' },
			],
		},
		{ type: Option.Subcommand, name: 'withdraw', description: 'Withdraw your signature (deletes it)' },
		{ type: Option.Subcommand, name: 'status', description: 'Whether you signed, with what details, and the total' },
		{ type: Option.Subcommand, name: 'signers', description: 'Signers who chose to be listed', options: [pageOption] },
	],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const demandsCommand = {
	type: ApplicationCommandType.ChatInput,
	name: 'demands',
	description: 'The pledge and the four demands of the #NoMusicForIce letter',
	contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const gigCommand = {
	type: ApplicationCommandType.ChatInput,
	name: 'gig',
	description: 'Amazon-linked gigs: flag one, list confirmed ones, review flags',
	contexts: [InteractionContextType.Guild],
	options: [
		{
			type: Option.Subcommand,
			name: 'flag',
			description: 'Flag a gig with an Amazon connection, with evidence',
			options: [
				{ type: Option.String, name: 'event', description: 'Event name', required: true, max_length: LIMITS.event },
				{ type: Option.String, name: 'venue', description: 'Venue and city', required: true, max_length: LIMITS.venue },
				{
					type: Option.String,
					name: 'date',
					description: 'Date of the gig, YYYY-MM-DD (today or later)',
					required: true,
					min_length: 10,
					max_length: 10,
				},
				{
					type: Option.String,
					name: 'connection',
					description: 'The Amazon connection',
					required: true,
					choices: CONNECTION_KINDS.map((value) => ({ name: en.gig.connections[value], value })),
				},
				{
					type: Option.String,
					name: 'link',
					description: 'Evidence: an http(s) link',
					required: true,
					max_length: LIMITS.link,
				},
				{
					type: Option.String,
					name: 'details',
					description: 'Anything moderators should know',
					max_length: LIMITS.details,
				},
			],
		},
		{
			type: Option.Subcommand,
			name: 'list',
			description: 'Confirmed Amazon-linked gigs, soonest first',
			options: [pageOption],
		},
		{ type: Option.Subcommand, name: 'review', description: 'Moderators: pending flags to confirm or reject' },
	],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const postableChannels: [ChannelType.GuildText, ChannelType.GuildAnnouncement] = [
	ChannelType.GuildText,
	ChannelType.GuildAnnouncement,
];

export const setupCommand = {
	type: ApplicationCommandType.ChatInput,
	name: 'setup',
	description: 'Server settings of the #NoMusicForIce bot',
	contexts: [InteractionContextType.Guild],
	default_member_permissions: MANAGE_GUILD,
	options: [
		{
			type: Option.Subcommand,
			name: 'announcements',
			description: 'Channel where signature milestones are posted',
			options: [
				{
					type: Option.Channel,
					name: 'channel',
					description: 'A text channel',
					required: true,
					channel_types: postableChannels,
				},
			],
		},
		{
			type: Option.Subcommand,
			name: 'moderation',
			description: 'Channel for new gig flags, and the moderator role',
			options: [
				{
					type: Option.Channel,
					name: 'channel',
					description: 'A text channel for moderators',
					required: true,
					channel_types: postableChannels,
				},
				{ type: Option.Role, name: 'role', description: 'Members with this role count as moderators' },
			],
		},
		{
			type: Option.Subcommand,
			name: 'milestones',
			description: 'Signature counts to celebrate, e.g. 10,25,50,100',
			options: [
				{
					type: Option.String,
					name: 'thresholds',
					description: 'Whole numbers separated by commas or spaces',
					required: true,
					max_length: LIMITS.thresholds,
				},
			],
		},
		{ type: Option.Subcommand, name: 'show', description: 'Current settings of this server' },
	],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Every command the bot registers, in the order deploy-commands prints them. */
export const commandDefinitions = localizeCommands([pledgeCommand, demandsCommand, gigCommand, setupCommand] as const);

export type CommandName = (typeof commandDefinitions)[number]['name'];
