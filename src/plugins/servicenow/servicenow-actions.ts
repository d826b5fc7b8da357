/**
 * The write actions of the ServiceNow plugin, as descriptors (title, role, destructive), so a planner can
 * propose one and draw its button without the client. Proposing is all a planner can do; executing belongs to
 * the guarded action flow.
 */
import type { ActionDescriptor } from '../types.js';

/** `servicenow.<name>` descriptors, keyed by action name. */
export const SERVICENOW_ACTIONS = {
  createIncident: {
    name: 'createIncident',
    title: 'Open ticket',
    description:
      'Opens a ServiceNow incident (category Security) that tracks the investigation, with the answer summarised in it.',
    requiredRole: 'responder',
    destructive: false,
  },
} as const satisfies Record<string, ActionDescriptor>;

/** The name of a ServiceNow action. */
export type ServiceNowActionName = keyof typeof SERVICENOW_ACTIONS;
