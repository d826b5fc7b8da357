/**
 * Placeholder: the Microsoft Intune plugin (managed devices, compliance, last check-in) through Microsoft
 * Graph, filled in by issue 7.
 */
import type { GraphClient } from '../../clients/graph.js';
import type { Plugin } from '../types.js';

/** What the Intune plugin needs. */
export interface IntunePluginOptions {
  graph: GraphClient;
  now?: () => Date;
}

/** Creates the `intune` plugin on a Graph client. */
export function createIntunePlugin(_options: IntunePluginOptions): Plugin {
  return {
    name: 'intune',
    displayName: 'Microsoft Intune',
    version: '0.1.0',
    skills: [],
    actions: [],
    health: async () => ({ ok: true }),
  };
}
