import { defineCommand } from '../declaration/define.js';
import { alerts } from './alerts.js';
import { announcements } from './announcements.js';
import { setupSpec } from './definition.js';
import { language } from './language.js';
import { milestones } from './milestones.js';
import { moderation } from './moderation.js';
import { show } from './show.js';

export const setupCommand = defineCommand(setupSpec, { announcements, moderation, milestones, language, alerts, show });
