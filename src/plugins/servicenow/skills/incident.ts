/**
 * Skill `servicenow.incident`: one ServiceNow incident by its number (`INC0010001`, as analysts paste it) or
 * its sys_id, with what an analyst reads on it: state, priority, caller, assignment group and assignee, times,
 * description, correlation and its address in ServiceNow. Read-only; the number is validated and the query
 * built by the encoded-query helper, never from raw text. An unknown incident is a NotFoundError; a failing
 * ServiceNow a SourceUnavailableError (the ledger turns both into words on the answer).
 */
import type { ServiceNowClient } from '../../../clients/servicenow.js';
import { NotFoundError } from '../../../core/errors.js';
import { defineSkill } from '../../types.js';
import { incidentReferenceInput, type ServiceNowTicket, toTicket } from '../servicenow-ticket.js';

/** The `servicenow.incident` skill on `client`. */
export function incidentSkill(client: ServiceNowClient) {
  return defineSkill({
    name: 'incident',
    description:
      'One ServiceNow incident by number (INC0010001) or sys_id: state, priority, caller, assignment group, assignee, opened and updated times, description, correlation.',
    input: incidentReferenceInput,
    async run(input, context) {
      const { request, reference } =
        input.number !== undefined
          ? {
              request: `GET /api/now/table/incident?sysparm_query=number=${input.number}`,
              reference: { number: input.number },
            }
          : {
              request: `GET /api/now/table/incident/${input.sysId}`,
              reference: { sysId: input.sysId ?? '' },
            };
      let ticket: ServiceNowTicket;
      try {
        ticket = toTicket(await client.readIncident(reference, { signal: context.signal }), client.baseUrl);
      } catch (error) {
        if (NotFoundError.isInstance(error) && 'sysId' in reference) {
          throw new NotFoundError(`ServiceNow has no incident with sys_id ${reference.sysId}.`, {
            cause: error,
          });
        }
        throw error;
      }
      return { data: ticket, requests: [request] };
    },
  });
}
