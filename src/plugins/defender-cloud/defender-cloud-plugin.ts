/**
 * Placeholder: the Microsoft Defender for Cloud plugin (recommendations, secure score, attack paths) through
 * Azure Resource Manager, filled in by issue 7.
 */
import type { ArmClient } from '../../clients/arm.js';
import type { Plugin } from '../types.js';

/** What the Defender for Cloud plugin needs. */
export interface DefenderCloudPluginOptions {
  arm: ArmClient;
  now?: () => Date;
}

/** Creates the `defender-cloud` plugin on an ARM client. */
export function createDefenderCloudPlugin(_options: DefenderCloudPluginOptions): Plugin {
  return {
    name: 'defender-cloud',
    displayName: 'Microsoft Defender for Cloud',
    version: '0.1.0',
    skills: [],
    actions: [],
    health: async () => ({ ok: true }),
  };
}
