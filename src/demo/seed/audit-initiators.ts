/**
 * Who initiates the changes the demo tenant's audit log records, besides people: Microsoft's own services
 * (with their real first-party application ids) and Ward itself, which the demo tenant credits with every
 * write it receives (it takes no tokens, so it cannot tell one caller from another). Data only.
 */
import type { DemoAuditAppIdentity } from '../state/directory-audit.js';

/** Ward, as the app that calls the demo tenant's write APIs. */
export const WARD_APP: DemoAuditAppIdentity = {
  appId: '7a3c9e21-4b5d-4f6e-8a9b-0c1d2e3f4a5b',
  displayName: 'Ward SOC Copilot',
  servicePrincipalId: 'c2d4e6f8-1a3b-4c5d-9e7f-8a9b0c1d2e3f',
  servicePrincipalName: null,
};

/** Privileged Identity Management (its real first-party app id). */
export const PIM_APP: DemoAuditAppIdentity = {
  appId: '01fc33a7-78ba-4d2f-a4b7-768e336e890e',
  displayName: 'MS-PIM',
  servicePrincipalId: '9d4f1c2b-6e8a-4b3c-a5d7-1e2f3a4b5c6d',
  servicePrincipalName: null,
};
