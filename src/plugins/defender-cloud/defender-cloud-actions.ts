/**
 * The write actions of the Defender for Cloud plugin, as descriptors (title, role, destructive, the choice on
 * the confirmation card), so a planner can propose one and draw its button without the client. Proposing is
 * all a planner can do; executing belongs to the guarded action flow.
 */
import type { ActionDescriptor } from '../types.js';

/** Days until a remediation is due, by the risk of what is being fixed (Ward's default governance policy). */
export const DUE_DAYS_BY_RISK = { critical: 7, high: 14, medium: 30, low: 90 } as const;

/** `defender-cloud.<name>` descriptors, keyed by action name. */
export const DEFENDER_CLOUD_ACTIONS = {
  assignOwner: {
    name: 'assignOwner',
    title: 'Assign owner',
    description:
      "Assigns the recommendation on this resource to the owner named by the resource's owner tag, with a remediation due date, as a Defender for Cloud governance assignment (the owner gets Defender for Cloud's weekly email).",
    requiredRole: 'responder',
    destructive: false,
    choice: {
      id: 'dueInDays',
      label: 'Remediation due in',
      options: [
        { value: String(DUE_DAYS_BY_RISK.critical), title: '7 days (critical risk)' },
        { value: String(DUE_DAYS_BY_RISK.high), title: '14 days (high risk)' },
        { value: String(DUE_DAYS_BY_RISK.medium), title: '30 days (medium risk)' },
        { value: String(DUE_DAYS_BY_RISK.low), title: '90 days (low risk)' },
      ],
    },
  },
} as const satisfies Record<string, ActionDescriptor>;

/** The name of a Defender for Cloud action. */
export type DefenderCloudActionName = keyof typeof DEFENDER_CLOUD_ACTIONS;
