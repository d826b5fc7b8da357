/**
 * An in-memory ServiceNow client for plugin unit tests: implements the real `ServiceNowClient` contract,
 * records what it was asked, and answers with one new incident, the displayed incidents and journal it was
 * given (or throws `failure`). Test-only.
 */
import type {
  ServiceNowClient,
  ServiceNowCreateOptions,
  ServiceNowIncidentReference,
} from '../../../../src/clients/servicenow.js';
import type {
  ServiceNowDisplayedIncident,
  ServiceNowIncident,
  ServiceNowIncidentInput,
  ServiceNowJournalEntry,
} from '../../../../src/clients/servicenow-resources.js';
import { NotFoundError } from '../../../../src/core/errors.js';

/** The sys_id of every incident the fake opens. */
export const SYS_ID = '0123456789abcdef0123456789abcdef';

/** What the fake holds to read back. */
export interface FakeServiceNowData {
  incidents?: ServiceNowDisplayedIncident[];
  journal?: ServiceNowJournalEntry[];
  /** Thrown by journal reads only (the incident table still answers). */
  journalFailure?: Error;
}

/** A ServiceNow client that records creates, reads and lists, and answers from `data` (or `failure`). */
export function fakeServiceNow(failure?: Error, data: FakeServiceNowData = {}) {
  const created: { fields: ServiceNowIncidentInput; options: ServiceNowCreateOptions }[] = [];
  const listed: string[] = [];
  const read: ServiceNowIncidentReference[] = [];
  const journalQueries: string[] = [];
  const client: ServiceNowClient = {
    baseUrl: 'https://contoso.service-now.com',
    async listIncidents(query) {
      listed.push(query);
      if (failure) throw failure;
      return { items: [], truncated: false, pages: 1 };
    },
    async getIncident(): Promise<ServiceNowIncident> {
      throw new Error('not used');
    },
    async readIncident(reference) {
      read.push(reference);
      if (failure) throw failure;
      const found = (data.incidents ?? []).find((incident) =>
        'number' in reference
          ? incident.number.value === reference.number
          : incident.sys_id.value === reference.sysId,
      );
      if (!found) throw new NotFoundError('ServiceNow has no such incident.');
      return found;
    },
    async listDisplayedIncidents(query, options) {
      listed.push(query);
      if (failure) throw failure;
      const items = (data.incidents ?? []).slice(0, options?.maxItems ?? 500);
      return { items, truncated: items.length < (data.incidents ?? []).length, pages: 1 };
    },
    async listJournalEntries(query, options) {
      journalQueries.push(query);
      if (failure ?? data.journalFailure) throw failure ?? data.journalFailure;
      // The one condition the skills put first: the incident the entries are on.
      const on = (data.journal ?? []).filter((entry) => query.startsWith(`element_id=${entry.element_id}^`));
      const items = on.slice(0, options?.maxItems ?? 500);
      return { items, truncated: items.length < on.length, pages: 1 };
    },
    async createIncident(fields, options) {
      created.push({ fields, options });
      if (failure) throw failure;
      return { sys_id: SYS_ID, number: 'INC0010042', short_description: fields.short_description };
    },
    async updateIncident(): Promise<ServiceNowIncident> {
      throw new Error('not used');
    },
  };
  return { client, created, listed, read, journalQueries };
}

/** A displayed incident (`sysparm_display_value=all`) from raw values and display values. */
export function displayedIncident(
  fields: Record<string, string | { value: string; display: string }>,
): ServiceNowDisplayedIncident {
  const field = (value: string | { value: string; display: string }) =>
    typeof value === 'string' ? { value, display: value } : value;
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, field(value)]),
  ) as unknown as ServiceNowDisplayedIncident;
}
