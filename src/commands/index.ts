import type { CommandHandler, ComponentHandlers } from '../interactions/handlers.js';
import type { CommandName } from './definitions.js';
import { executeDemands } from './demands.js';
import { askRejectReason, confirmFlag, executeGig, rejectFlag, turnGigListPage, turnReviewPage } from './gig.js';
import { executePledge, turnSignersPage } from './pledge.js';
import { executeSetup } from './setup.js';

/** One handler per registered command: the type makes a definition without a handler a compile error. */
export const commandHandlers: { readonly [K in CommandName]: CommandHandler } = {
	pledge: executePledge,
	demands: executeDemands,
	gig: executeGig,
	setup: executeSetup,
};

/** One handler per custom_id kind (buttons and modals). */
export const componentHandlers: ComponentHandlers = {
	signers: turnSignersPage,
	gigs: turnGigListPage,
	review: turnReviewPage,
	'gig-confirm': confirmFlag,
	'gig-reject': askRejectReason,
	'gig-reject-reason': rejectFlag,
};
