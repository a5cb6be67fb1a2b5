import { defineCommand } from '../declaration/define.js';
import { campaignSpec } from './definition.js';
import { exportData } from './export.js';
import { stats } from './stats.js';

export const campaignCommand = defineCommand(campaignSpec, { stats, export: exportData });
