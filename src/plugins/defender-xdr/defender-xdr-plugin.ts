/**
 * Placeholder: the Microsoft Defender XDR plugin (incidents, alerts, evidence, advanced hunting) through
 * Microsoft Graph's security API, filled in by issue 7.
 */
import type { GraphClient } from '../../clients/graph.js';
import type { Plugin } from '../types.js';

/** What the Defender XDR plugin needs. */
export interface DefenderXdrPluginOptions {
  graph: GraphClient;
  now?: () => Date;
}

/** Creates the `defender-xdr` plugin on a Graph client. */
export function createDefenderXdrPlugin(_options: DefenderXdrPluginOptions): Plugin {
  return {
    name: 'defender-xdr',
    displayName: 'Microsoft Defender XDR',
    version: '0.1.0',
    skills: [],
    actions: [],
    health: async () => ({ ok: true }),
  };
}
