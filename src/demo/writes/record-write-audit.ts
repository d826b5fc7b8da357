/**
 * Adds the audit record of a write the demo tenant just carried out to the front of its directory audit
 * log, credited to Ward (the demo tenant takes no tokens, so every write is Ward's), timed on the seeded
 * timeline so it is served as "now". Every write records one, as Entra does.
 * It never records anything that did not happen: callers call it after changing the state.
 */
import { randomUUID } from 'node:crypto';
import type { DemoClock } from '../demo-clock.js';
import type { DemoTenantState } from '../demo-tenant-state.js';
import { WARD_APP } from '../seed/audit-initiators.js';
import { auditId, buildDirectoryAudit, type DirectoryAuditEvent } from '../seed/build-directory-audit.js';
import type { DemoDirectoryAudit } from '../state/directory-audit.js';

/** What a write says about itself; ids, time and initiator are filled in. */
export type WriteAudit = Omit<DirectoryAuditEvent, 'id' | 'correlationId' | 'at' | 'by'> & {
  /** The id prefix of the service that logs it (`Directory`, `IdentityProtection`, ...). */
  idPrefix: string;
};

/** Records `audit` as happening now and returns the record. */
export function recordWriteAudit(
  state: DemoTenantState,
  clock: DemoClock,
  audit: WriteAudit,
): DemoDirectoryAudit {
  const { idPrefix, ...event } = audit;
  const record = buildDirectoryAudit({
    ...event,
    id: auditId(idPrefix, randomUUID(), ''),
    correlationId: randomUUID(),
    at: Date.parse(clock.toStored(clock.now())),
    by: { app: WARD_APP },
  });
  state.directoryAudits.unshift(record);
  return record;
}
