// English catalogue: every string the bot shows people. Another locale is another file with the
// same shape (`satisfies Catalogue`), registered in ./index.ts. Written for musicians and organisers,
// not developers: Discord's own names for things (Send Messages, Server Settings → Roles), no ids.
import { formatDate, formatList, formatNumber, formatPercent } from './format.js';

const n = (value: number | bigint) => formatNumber('en', value);
const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/** Labels of the Amazon connection kinds: the `connection` choices and every view of a flag. */
const connections = {
	aws: 'AWS (Amazon Web Services)',
	amazon_music: 'Amazon Music',
	twitch: 'Twitch',
	whole_foods: 'Whole Foods',
	ring: 'Ring',
	prime_video: 'Prime Video / Amazon MGM Studios',
	audible: 'Audible',
	other_amazon: 'Other Amazon company or sponsorship',
};

const page = { name: 'page', description: 'Page number' };

export const en = {
	/**
	 * What Discord shows in its command picker: every command, subcommand, option and choice. The English names are
	 * the command contract (DESIGN.md); other locales' names become `name_localizations` (lower case, 1–32
	 * characters, no spaces; descriptions 1–100 characters). The context-menu name may have spaces and capitals.
	 */
	commands: {
		pledge: {
			name: 'pledge',
			description: 'The #NoMusicForIce pledge: no work with Amazon until it cuts ties with ICE',
			subcommands: {
				sign: {
					name: 'sign',
					description: 'Sign the pledge (private unless you choose public)',
					options: {
						artist_name: { name: 'artist_name', description: 'Your artist or band name' },
						city: { name: 'city', description: 'Where you are based' },
						public: { name: 'public', description: 'Show your name in /pledge signers (default: no)' },
					},
				},
				withdraw: { name: 'withdraw', description: 'Withdraw your signature (it is deleted)', options: {} },
				status: { name: 'status', description: 'Whether you signed, with what details, and the total', options: {} },
				signers: { name: 'signers', description: 'Signers who chose to be listed', options: { page } },
				unlist: {
					name: 'unlist',
					description: 'Moderators: take a name off the public list (the signature stays, private)',
					options: { name: { name: 'name', description: 'The name as it is listed' } },
				},
			},
		},
		demands: { name: 'demands', description: 'The pledge and the four demands of the #NoMusicForIce letter' },
		gig: {
			name: 'gig',
			description: 'Amazon-linked gigs: flag one, list confirmed ones, review flags',
			subcommands: {
				flag: {
					name: 'flag',
					description: 'Flag a gig with an Amazon connection, with evidence',
					options: {
						event: { name: 'event', description: 'Name of the event' },
						venue: { name: 'venue', description: 'Venue and city' },
						date: { name: 'date', description: 'Date of the gig, YYYY-MM-DD (today or later)' },
						connection: { name: 'connection', description: 'How the gig is linked to Amazon', choices: connections },
						link: { name: 'link', description: 'Evidence: a web link (http or https)' },
						details: { name: 'details', description: 'Anything the moderators should know' },
					},
				},
				list: { name: 'list', description: 'Confirmed Amazon-linked gigs, soonest first', options: { page } },
				review: { name: 'review', description: 'Moderators: flags waiting to be confirmed or rejected', options: {} },
			},
		},
		setup: {
			name: 'setup',
			description: 'Set up the #NoMusicForIce bot in this server',
			subcommands: {
				announcements: {
					name: 'announcements',
					description: 'Channel where signature milestones are celebrated',
					options: { channel: { name: 'channel', description: 'A text or announcement channel' } },
				},
				moderation: {
					name: 'moderation',
					description: 'Channel for new gig flags, and the moderator role',
					options: {
						channel: { name: 'channel', description: 'A text channel for moderators' },
						role: { name: 'role', description: 'Members with this role count as moderators' },
					},
				},
				milestones: {
					name: 'milestones',
					description: 'Signature counts to celebrate, e.g. 10, 25, 50, 100',
					options: { thresholds: { name: 'thresholds', description: 'Whole numbers separated by commas or spaces' } },
				},
				language: {
					name: 'language',
					description: 'Language of the bot’s posts in this server',
					options: {
						language: {
							name: 'language',
							description: 'English or Spanish',
							choices: { en: 'English', es: 'Spanish (Español)' },
						},
					},
				},
				alerts: {
					name: 'alerts',
					description: 'Channel where confirmed Amazon-linked gigs are announced',
					options: { channel: { name: 'channel', description: 'A text or announcement channel' } },
				},
				show: { name: 'show', description: 'This server’s settings and what is left to set up', options: {} },
			},
		},
		campaign: {
			name: 'campaign',
			description: 'The campaign in numbers, and its data for organisers',
			subcommands: {
				stats: { name: 'stats', description: 'Signatures so far, growth, and a chart', options: {} },
				export: {
					name: 'export',
					description: 'Organisers: download the public roster and this server’s gig flags',
					options: {},
				},
			},
		},
		help: { name: 'help', description: 'What this bot does and how to use it' },
		flagMessage: { name: 'Flag Amazon-linked gig' },
	},
	common: {
		previous: 'Previous',
		next: 'Next',
		pageOf: (page: number, pages: number) => `Page ${n(page)} of ${n(pages)}`,
		yes: 'Yes',
		no: 'No',
		notGiven: 'not given',
		footer: '#NoMusicForIce',
		/** Numbers, percentages, dates and lists as this language writes them. */
		number: (value: number | bigint) => n(value),
		percent: (share: number) => formatPercent('en', share),
		date: (date: Date, style?: 'long' | 'short' | 'month') => formatDate('en', date, style),
		list: (items: readonly string[]) => formatList('en', items),
	},
	/** Permission names exactly as Discord's settings show them. */
	permissions: {
		ViewChannel: 'View Channel',
		SendMessages: 'Send Messages',
		EmbedLinks: 'Embed Links',
		AttachFiles: 'Attach Files',
		ReadMessageHistory: 'Read Message History',
		ManageGuild: 'Manage Server',
		ManageRoles: 'Manage Roles',
		ManageMessages: 'Manage Messages',
	} as Record<string, string>,
	errors: {
		unexpected: (ref: string) =>
			`Something went wrong on our side. Check whether your command worked before trying again. If it keeps happening, tell an organiser this reference: \`${ref}\`.`,
		unknownCommand: 'The bot does not know this command any more. Try `/help` to see what it can do.',
		expiredButton: 'This button has expired. Run the command again to get a fresh one.',
		starting: 'The bot is starting up and cannot answer yet. Nothing was saved: try again in a few seconds.',
		guildOnly: 'This command works only inside a server.',
		tooLong: (option: string, max: number) => `\`${option}\` is too long: at most ${n(max)} characters.`,
		invalidOption: (option: string, expected: string) => `\`${option}\` is invalid: ${expected}.`,
		atMost: (max: number | bigint) => `at most ${n(max)}`,
		atLeast: (min: number | bigint) => `at least ${n(min)}`,
		expected: {
			text: 'text',
			number: 'a number',
			yesNo: 'yes or no',
			wholeNumber: 'a whole number',
			notBlank: 'it cannot be left blank',
			choice: 'one of the choices in the list',
			atLeastChars: (min: number) => `at least ${n(min)} characters`,
			plainText:
				'plain text: it is shown as typed, so mentions, channel or command links and timestamps (`<@…>`, `<#…>`, `</…:…>`, `<t:…>`) are not accepted',
		},
		roleOfServer: 'a role of this server (not @everyone)',
		textChannelOfServer: 'a text channel of this server',
		missingOption: (option: string) => `\`${option}\` is required.`,
		noPermission:
			'Only members with the **Manage Server** permission can do this. A server admin can grant it in Server Settings → Roles.',
		notModerator:
			'Only moderators can do this: members with the **Manage Server** permission, or with the moderator role chosen in `/setup moderation`.',
	},
	pledge: {
		signedTitle: 'You signed the pledge',
		updatedTitle: 'Your signature was updated',
		signedBody: 'Thank you. You pledged not to work with Amazon until it cuts ties with ICE.',
		updatedBody: 'You had already signed: your details are updated, and you still count once.',
		recordedArtist: 'Artist name',
		recordedCity: 'City',
		recordedPublic: 'Shown in /pledge signers',
		total: 'Signers in total',
		guildCount: 'Signers from this server',
		howToWithdraw: 'Changed your mind? `/pledge withdraw` deletes your signature.',
		privacyNote:
			'Only you can see this message. Your signature is kept in coded form: the bot’s data alone cannot tell who signed.',
		withdrawnTitle: 'Your signature was withdrawn',
		withdrawnBody: 'Your signature is deleted. You can sign again at any time with `/pledge sign`.',
		notSignedTitle: 'You have not signed',
		notSignedBody: 'Sign with `/pledge sign`. Your name stays private unless you set `public` to yes.',
		statusSignedTitle: 'You have signed the pledge',
		signedOn: 'Signed',
		signersTitle: 'Public signers of the pledge',
		signersEmpty: 'No one has chosen to be listed yet. Be the first: `/pledge sign` with `public` set to yes.',
		signersSummary: (shown: number, total: number) =>
			`${n(shown)} ${plural(shown, 'signer', 'signers')} chose to be listed, out of ${n(total)} in total.`,
		unnamed: 'Unnamed artist',
		unlisted: (name: string, count: number) =>
			`“${name}” is off the public list (${count} signature${count === 1 ? '' : 's'}). The signatures still count; they stay off the list until their signer gives a new artist name.`,
		unlistNotFound: (name: string) =>
			`No one from this server is listed as “${name}”. Pick a name from the suggestions as it appears in /pledge signers.`,
		unlistedNote:
			'No — taken off the public list by the server’s moderators. Sign again with a new artist name to be listed.',
	},
	demands: {
		title: '#NoMusicForIce — the pledge',
		pledge:
			'“We pledge to not participate in Amazon-sponsored events, or engage in exclusive partnerships with Amazon … until Amazon publicly commits to” these four demands:',
		list: [
			'Terminate existing contracts with military, law enforcement, and government agencies (ICE, CBP, ORR) that commit human rights abuses.',
			'Stop providing cloud services and tools to organisations (such as Palantir) that power the US government’s deportation machine.',
			'End projects that encourage racial profiling and discrimination, such as Amazon’s facial recognition product.',
			'Reject future engagements with the aforementioned bad actors.',
		],
		demandTitle: (number: number) => `Demand ${n(number)}`,
		partnerships: 'Partnerships means Amazon Exclusives, Amazon Originals and research & development collaborations.',
		organiser: 'Letter by Fight for the Future (2019), with Mijente and RAICES. Sign with /pledge sign.',
	},
	gig: {
		connections,
		expected: {
			text: 'plain text about the event (no mentions of people or roles)',
			date: 'a real date written YYYY-MM-DD (year-month-day), e.g. 2026-12-06',
			datePast: (today: string) => `a date today or later (today is ${today})`,
			link: 'a web address starting with http:// or https://, e.g. https://example.com/lineup (without a user name or password in it)',
			connection: 'one of the Amazon connections in the list',
			connectionIn: (choices: string) => `one of ${choices}, or its name as the list shows it`,
			mention: 'about events and companies, never about people: remove the mention of a member or role',
			reason: 'a reason of 1 to 500 characters',
		},
		modal: {
			title: 'Flag an Amazon-linked gig',
			event: 'Event',
			venue: 'Venue and city',
			date: 'Date (YYYY-MM-DD, today or later)',
			connection: 'Amazon connection',
			link: 'Evidence (a web link)',
			placeholders: {
				event: 'e.g. Intersect Festival',
				venue: 'e.g. Las Vegas Festival Grounds',
				date: 'e.g. 2027-06-21',
				connection: 'aws, amazon_music, twitch, whole_foods, ring, prime_video, audible or other_amazon',
				link: 'https://…',
			},
		},
		flaggedTitle: 'Gig flagged — thank you',
		flaggedBody: 'A moderator will check the evidence before the gig appears in `/gig list`.',
		duplicateTitle: 'This gig was already flagged',
		duplicateBody: (status: string, reports: number) =>
			`Its status is **${status}**. Your report was added: ${n(reports)} ${plural(reports, 'member', 'members')} reported it.`,
		alreadyReportedBody: (status: string, reports: number) =>
			`You had already reported it. Its status is **${status}**, with ${n(reports)} ${plural(reports, 'report', 'reports')}.`,
		floodLimited: (limit: number, when: string) =>
			`You have filed ${n(limit)} flags in the last hour, the most allowed. You can flag again ${when}.`,
		status: { pending: 'pending review', confirmed: 'confirmed', rejected: 'rejected' } as Record<string, string>,
		fields: {
			venue: 'Venue',
			date: 'Date',
			connection: 'Amazon connection',
			link: 'Evidence',
			evidenceHost: 'Evidence from',
			details: 'Details',
			reports: 'Reports',
			outcome: 'Outcome',
			reason: 'Reason',
		},
		flagFooter: (id: number) => `Flag #${id}`,
		alertTitle: (event: string) => `Amazon-linked gig: ${event}`,
		alertBody:
			'Moderators checked the evidence: this gig has an Amazon connection. Musicians who signed the pledge don’t play it. See every confirmed gig with `/gig list`.',
		queueTitle: (event: string) => `New gig flag: ${event}`,
		confirm: 'Confirm',
		reject: 'Reject',
		confirmedBy: (who: string, when: string) => `✅ Confirmed by ${who} ${when}`,
		rejectedBy: (who: string, when: string) => `❌ Rejected by ${who} ${when}`,
		alreadyReviewed: (outcome: string, who: string, when: string) =>
			`This flag was already ${outcome} by ${who} ${when}. Nothing was changed.`,
		reviewDone: (id: number, outcome: string) => `Flag #${id} ${outcome}. Its card in the moderation channel shows it.`,
		unknownFlag: 'This flag no longer exists in this server.',
		rejectModalTitle: 'Reject this gig flag',
		rejectReasonLabel: 'Why is it rejected? (moderators see this)',
		reviewTitle: 'Gig flags waiting for review',
		reviewEmpty: 'No flags are waiting for review.',
		listTitle: 'Confirmed Amazon-linked gigs',
		listEmpty: 'No confirmed upcoming gigs. Know of one? Flag it with `/gig flag`.',
		evidence: 'evidence',
	},
	setup: {
		notTextChannel: 'Choose a text or announcement channel.',
		otherServer: 'That channel is not in this server.',
		botMissing: (channel: string, permissions: string) =>
			`The bot cannot post in ${channel} yet: it needs ${permissions} there. In Discord: Edit Channel → Permissions → add the bot’s role and allow ${permissions} (or allow them for the bot’s role in Server Settings → Roles), then run this command again. Or choose another channel.`,
		thresholdsInvalid: (max: number) =>
			`\`thresholds\` must be whole numbers above 0 separated by commas or spaces, ${n(max)} at most, e.g. \`10, 25, 50, 100\`.`,
		moderationSaved: (channel: string, role: string | null) =>
			`New gig flags will be posted in ${channel}. ${role ? `Members with ${role} count as moderators, as do members with the Manage Server permission.` : 'Members with the Manage Server permission count as moderators (no moderator role).'}`,
		announcementsSaved: (channel: string, silenced: number) =>
			`Milestones will be posted in ${channel}.${silenced > 0 ? ` ${silenced === 1 ? 'One milestone was' : `${n(silenced)} milestones were`} already passed: the next one will be the first post.` : ''}`,
		milestonesSaved: (milestones: string, silenced: number) =>
			`Milestones set to ${milestones}.${silenced > 0 ? ` ${silenced === 1 ? 'One of them was' : `${n(silenced)} of them were`} already passed and won’t be announced.` : ''}`,
		languageSaved: (language: string) =>
			`This server’s posts (milestones, the moderation channel, gig alerts) will be in ${language}. Members still get answers in their own Discord language.`,
		alertsSaved: (channel: string) =>
			`Confirmed Amazon-linked gigs will be announced in ${channel}. Flags waiting for review or rejected are never announced.`,
		showTitle: 'Settings of this server',
		showIntro: 'What the bot does here, and what is still missing (⚠️).',
		alertsChannel: 'Gig alerts channel',
		postsLanguage: 'Language of the bot’s posts',
		onlyManageServer: 'none: only members with Manage Server can review flags',
		byDefault: (value: string) => `${value} (default)`,
		serverLocaleLanguage: (language: string) => `${language}, the server’s language in Discord`,
		changeWith: (command: string) => `Change with ${command}`,
		missingThere: (permissions: string) =>
			`The bot is missing ${permissions} here. In Discord: Edit Channel → Permissions → add the bot’s role and allow ${permissions}.`,
		announcementChannel: 'Announcement channel',
		moderationChannel: 'Moderation channel',
		moderatorRole: 'Moderator role',
		milestones: 'Milestones',
		notSet: 'not set',
		languageNames: { en: 'English', es: 'Spanish' },
		channelProblem: (problem: string) =>
			`⚠️ Posting failed: ${problem}. Once it is fixed, choose the channel again with \`/setup announcements\`.`,
		/** Why posts to the announcement channel stopped, by the key the milestone job stores. */
		channelProblems: {
			unknownChannel: 'the channel was deleted',
			missingAccess: 'I can’t see the channel (my role needs **View Channel** there)',
			missingPermissions:
				'I’m not allowed to post there (my role needs **Send Messages**, **Embed Links** and **Attach Files** there)',
		} as Record<string, string>,
		noAnnouncementChannelYet:
			'No announcement channel is set yet, so nothing will be posted: choose one with `/setup announcements`.',
	},
	help: {
		title: 'The #NoMusicForIce bot',
		about:
			'Musicians pledge not to work with Amazon (AWS festivals included) until it cuts ties with ICE. Sign privately or publicly, read the four demands, and flag gigs with an Amazon connection for the moderators to check.',
		menu: (name: string) => `On any message with a festival link: Apps → **${name}**.`,
		privacy: 'Signing is private unless you choose to be listed.',
		checklistTitle: 'Set-up checklist',
		checklistIntro:
			'What the bot does in this server, and what still needs doing (⚠️). Only members with Manage Server see this.',
		welcome: 'Thanks for adding the #NoMusicForIce bot! An organiser with Manage Server can finish setting it up:',
	},
	campaign: {
		statsTitle: '#NoMusicForIce in numbers',
		total: 'Signers',
		lastWeek: 'New in the last 7 days',
		lastMonth: 'New in the last 30 days',
		servers: 'Servers taking part',
		publicShare: 'Chose to be listed',
		upcomingGigs: 'Confirmed Amazon-linked gigs ahead (this server)',
		topCities: (minimum: number) => `Where signers are (cities with ${n(minimum)} or more)`,
		noCityYet: (minimum: number) =>
			`No city has ${n(minimum)} signers yet: a city is named only when at least ${n(minimum)} signers share it.`,
		howToSign: 'Sign with /pledge sign',
		exported: (signers: number, flags: number) =>
			`Here is the campaign’s data: ${n(signers)} public ${plural(signers, 'signer', 'signers')} (private signers are never included) and this server’s ${n(flags)} gig ${plural(flags, 'flag', 'flags')}. The files open in any spreadsheet.`,
	},
	milestone: {
		title: (threshold: number) => `${n(threshold)} musicians have signed the pledge`,
		body: (total: number) =>
			`🎉 Thank you! **${n(total)}** musicians have now pledged not to work with Amazon until it cuts ties with ICE. Every name makes the next one easier.`,
		next: 'Next milestone',
		/** The next milestone and how far it is, counted from zero so it never reads 0 % right after a celebration. */
		nextValue: (next: number, total: number) => `${n(next)} (${n(Math.max(0, next - total))} to go)`,
		progress: 'Progress',
		progressValue: (total: number, next: number) => `${n(total)} of ${n(next)} (${formatPercent('en', total / next)})`,
		allReached: 'That was the last milestone set for this server. Keep spreading the word!',
		howToSign:
			'**Not signed yet?** Add your name with `/pledge sign`: it takes a minute, and it stays private unless you choose to be listed. Then ask the musicians you play with to sign too.',
		chartTitle: (total: number) => `#NoMusicForIce — ${n(total)} signers`,
		chartYAxis: 'Signers',
		chartThreshold: (threshold: string) => `${threshold} signers`,
	},
} as const;

/** The shape every locale provides (strings stay strings, functions keep their parameters). */
export type Catalogue = Widen<typeof en>;
type Widen<T> = T extends string
	? string
	: T extends (...args: infer A) => string
		? (...args: A) => string
		: T extends readonly (infer U)[]
			? readonly Widen<U>[]
			: { readonly [K in keyof T]: Widen<T[K]> };
