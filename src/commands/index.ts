// The router's registry: each declared command bound to its handlers, and one handler per custom_id kind.
import { campaignCommand } from './campaign/index.js';
import type { ComponentHandlers } from './declaration/components.js';
import type { Command } from './declaration/define.js';
import type { CommandName } from './definitions.js';
import { demandsCommand } from './demands/index.js';
import { flagMessageJSON } from './flagMessage/definition.js';
import { openFlagModal, submitFlagModal } from './flagMessage/index.js';
import { askRejectReason, confirmFlag, gigCommand, rejectFlag, turnGigListPage, turnReviewPage } from './gig/index.js';
import { helpCommand } from './help/index.js';
import { pledgeCommand } from './pledge/index.js';
import { turnSignersPage } from './pledge/signers.js';
import { setupCommand } from './setup/index.js';

/** One bound command per declaration: the type makes a declared command without handlers a compile error. */
export const commands: { readonly [K in CommandName]: Command } = {
	pledge: pledgeCommand,
	demands: demandsCommand,
	gig: gigCommand,
	setup: setupCommand,
	campaign: campaignCommand,
	help: helpCommand,
};

/** Message menu commands by their registered (English) name. */
export const messageCommands: Readonly<Record<string, typeof openFlagModal>> = {
	[flagMessageJSON.name]: openFlagModal,
};

/** One handler per custom_id kind (buttons and modals). */
export const componentHandlers: ComponentHandlers = {
	signers: turnSignersPage,
	gigs: turnGigListPage,
	review: turnReviewPage,
	'gig-confirm': confirmFlag,
	'gig-reject': askRejectReason,
	'gig-reject-reason': rejectFlag,
	'review-confirm': confirmFlag,
	'review-reject': askRejectReason,
	'review-reject-reason': rejectFlag,
	'flag-modal': submitFlagModal,
};
