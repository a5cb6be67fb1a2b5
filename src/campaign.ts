// Facts about the campaign that do not depend on the reader's language. The wording shown to
// people (the pledge, the demands, connection labels) lives in the locale catalogues (src/i18n).

export const HASHTAG = '#NoMusicForIce';

/** Embed colour of every campaign message. */
export const CAMPAIGN_COLOUR = 0xe63946;

/** Amazon connections a gig flag can name; the ids are part of the command contract. */
export const CONNECTION_KINDS = [
	'aws',
	'amazon_music',
	'twitch',
	'whole_foods',
	'ring',
	'prime_video',
	'audible',
	'other_amazon',
] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** Milestones a server gets until it sets its own with /setup milestones. */
export const DEFAULT_THRESHOLDS: readonly number[] = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/** A server's own signer count is shown only from this many up, so a small server cannot reveal who signed. */
export const PER_SERVER_COUNT_MINIMUM = 5;
