/**
 * Who may act in the embedded demo, so a newcomer can click a button and see it work — and see a refusal:
 * Patti Fernandez (the Playground's current user) is admin, Johanna Lorenz approver, Isaiah Langer and Lee
 * Gu responders; Nestor Wilke and Miriam Graham hold no Ward role. The two break-glass accounts are on the
 * exception list. Used only when TENANT_MODE=demo and no ROLE_* setting is given.
 */
import { BREAK_GLASS_ACCOUNTS } from './seed/break-glass-accounts.js';
import { SOC_TEAM } from './seed/people.js';

export const DEMO_ROLES = {
  admin: [SOC_TEAM.patti.id],
  approver: [SOC_TEAM.johanna.id],
  responder: [SOC_TEAM.isaiah.id, SOC_TEAM.lee.id],
};

export const DEMO_PROTECTED_ACCOUNTS: string[] = BREAK_GLASS_ACCOUNTS.map((account) => account.id);
