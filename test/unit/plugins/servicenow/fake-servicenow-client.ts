/**
 * An in-memory ServiceNow client for plugin unit tests: implements the real `ServiceNowClient` contract,
 * records what it was asked, and answers with one new incident (or throws `failure`). Test-only.
 */
import type { ServiceNowClient, ServiceNowCreateOptions } from '../../../../src/clients/servicenow.js';
import type {
  ServiceNowIncident,
  ServiceNowIncidentInput,
} from '../../../../src/clients/servicenow-resources.js';

/** The sys_id of every incident the fake opens. */
export const SYS_ID = '0123456789abcdef0123456789abcdef';

/** A ServiceNow client that records creates and lists, and answers with one incident (or `failure`). */
export function fakeServiceNow(failure?: Error) {
  const created: { fields: ServiceNowIncidentInput; options: ServiceNowCreateOptions }[] = [];
  const listed: string[] = [];
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
    async createIncident(fields, options) {
      created.push({ fields, options });
      if (failure) throw failure;
      return { sys_id: SYS_ID, number: 'INC0010042', short_description: fields.short_description };
    },
    async updateIncident(): Promise<ServiceNowIncident> {
      throw new Error('not used');
    },
  };
  return { client, created, listed };
}
