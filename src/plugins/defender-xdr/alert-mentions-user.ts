/**
 * Whether a Defender XDR alert is about a user: Graph cannot filter incidents or alerts by the people in their
 * evidence, so the skills read a bounded window and keep the alerts whose user, process or mailbox evidence
 * names the user (by Entra object id, userPrincipalName or mailbox address). Pure.
 */
import type { DefenderAlert } from '../../clients/graph-security-resources.js';
import type { UserMatch } from './incident-reference.js';

/** True when any evidence of `alert` names `user`. */
export function alertMentionsUser(alert: DefenderAlert, user: UserMatch): boolean {
  const id = user.id?.toLowerCase();
  const upn = user.userPrincipalName?.toLowerCase();
  return (alert.evidence ?? []).some((evidence) => {
    const account = evidence.userAccount;
    if (id && account?.azureAdUserId?.toLowerCase() === id) return true;
    if (!upn) return false;
    return (
      account?.userPrincipalName?.toLowerCase() === upn || evidence.primaryAddress?.toLowerCase() === upn
    );
  });
}
