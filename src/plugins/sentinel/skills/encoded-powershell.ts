/**
 * Skill `sentinel.encodedPowerShell`: PowerShell processes started with an encoded command (`-EncodedCommand`,
 * `-enc`, `-ec`, `-e`) over the last days, from Defender for Endpoint's `DeviceProcessEvents`. Read-only;
 * decoding a command line is the script-analysis plugin's job.
 */
import { z } from 'zod/v4';
import { defineSkill } from '../../types.js';
import { encodedPowerShellQuery } from '../hunting-queries.js';
import { type HuntingTarget, runHuntingQuery } from '../run-hunting-query.js';

/** Creates `sentinel.encodedPowerShell`. */
export function encodedPowerShellSkill(target: HuntingTarget) {
  return defineSkill({
    name: 'encodedPowerShell',
    description:
      'Lists PowerShell processes started with an encoded command over the last `days` (device, account, command line), newest first.',
    input: z.object({ days: z.number().int().min(1).max(30).default(7) }),
    run: (input, context) => runHuntingQuery(target, encodedPowerShellQuery(input.days), context),
  });
}
