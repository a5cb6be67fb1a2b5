import { defineCommand } from '../declaration/define.js';
import { gigSpec } from './definition.js';
import { flag } from './flag.js';
import { list } from './list.js';
import { review } from './review.js';

export const gigCommand = defineCommand(gigSpec, { flag, list, review });
export { turnGigListPage } from './list.js';
export { askRejectReason, confirmFlag, rejectFlag, turnReviewPage } from './review.js';
