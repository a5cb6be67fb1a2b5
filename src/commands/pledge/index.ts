import { defineCommand } from '../declaration/define.js';
import { pledgeSpec } from './definition.js';
import { sign } from './sign.js';
import { signers } from './signers.js';
import { status } from './status.js';
import { suggestListedNames, unlist } from './unlist.js';
import { withdraw } from './withdraw.js';

export const pledgeCommand = defineCommand(
	pledgeSpec,
	{ sign, withdraw, status, signers, unlist },
	{ unlist: { name: suggestListedNames } },
);
