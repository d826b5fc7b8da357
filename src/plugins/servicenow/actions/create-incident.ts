/**
 * Action `servicenow.createIncident` ("Open ticket"): opens a ServiceNow incident for the user an answer is
 * about, with the fields the planner wrote from the answer (short description, description, urgency) and the
 * answer's correlation id, and a work note saying Ward opened it. It sends the execution's idempotency key as
 * `Idempotency-Key`; the client never resends the create once it may have reached ServiceNow, so a failure
 * never opens a second ticket by itself, and the failure's message names the correlation id to look the
 * ticket up by.
 */
import { z } from 'zod/v4';
import type { ServiceNowClient } from '../../../clients/servicenow.js';
import type { ServiceNowIncident, ServiceNowIncidentInput } from '../../../clients/servicenow-resources.js';
import { SourceUnavailableError, WardError } from '../../../core/errors.js';
import { defineAction } from '../../types.js';
import { SERVICENOW_ACTIONS } from '../servicenow-actions.js';

const objectId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An Azure resource id (a Defender for Cloud finding's resource): `/subscriptions/{guid}/...`, no URL syntax. */
const azureResourceId =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:\/[\w\-.()]{1,260}){0,20}$/i;

/** What `servicenow.createIncident` takes: the target (from the pending action) and the ticket's text. */
export const createIncidentInputSchema = z.object({
  /** The target the ticket is about: an Entra user's object id, or an Azure resource's id. */
  userId: z
    .string()
    .trim()
    .max(1_024)
    .refine(
      (id) => objectId.test(id) || (azureResourceId.test(id) && !id.split('/').includes('..')),
      'expected an Entra object id (GUID) or an Azure resource id',
    ),
  shortDescription: z.string().trim().min(1).max(160),
  description: z.string().max(4_000),
  /** ServiceNow urgency: 1 High, 2 Medium, 3 Low. */
  urgency: z.enum(['1', '2', '3']),
  /** The Ward record the ticket follows (e.g. `ward-<answer id>`), written to `correlation_id`. */
  correlationId: z.string().trim().min(1).max(100).optional(),
});
export type CreateIncidentInput = z.output<typeof createIncidentInputSchema>;

/** What the action reports: a sentence for the card, and the incident's number and sys_id. */
export interface CreateIncidentResult {
  message: string;
  number: string;
  sysId: string;
}

/** Where Ward files security tickets (instances may rename it; the Table API accepts any value). */
const CATEGORY = 'Security';
/** One identity affected: medium impact. The urgency carries how bad it is; ServiceNow derives the priority. */
const IMPACT = '2';

/**
 * The work note Ward leaves on a ticket it opens, so the ticket's journal says where it came from and where
 * the actions taken on it are recorded.
 */
export function openedWorkNote(correlationId: string | undefined): string {
  return `Opened by Ward on an analyst's click in Microsoft Teams${
    correlationId ? ` (correlation id ${correlationId})` : ''
  }. The description is Ward's answer; containment actions taken from that answer are audited in Ward.`;
}

/** The incident fields for an action input. Pure, so the mapping is testable without a ServiceNow. */
export function incidentFields(input: CreateIncidentInput): ServiceNowIncidentInput {
  return {
    short_description: input.shortDescription,
    description: input.description,
    urgency: input.urgency,
    impact: IMPACT,
    category: CATEGORY,
    contact_type: 'integration',
    ...(input.correlationId ? { correlation_id: input.correlationId, correlation_display: 'Ward' } : {}),
    work_notes: openedWorkNote(input.correlationId),
  };
}

/** The `servicenow.createIncident` action on `client`. */
export function createIncidentAction(client: ServiceNowClient) {
  return defineAction({
    ...SERVICENOW_ACTIONS.createIncident,
    input: createIncidentInputSchema,
    async run(input, context) {
      let incident: ServiceNowIncident;
      try {
        incident = await client.createIncident(incidentFields(input), {
          idempotencyKey: context.idempotencyKey,
          signal: context.signal,
        });
      } catch (error) {
        // The client's words say what failed and whether the ticket may exist; the correlation id finds it.
        if (!WardError.isInstance(error) || error.code !== 'source_unavailable' || !input.correlationId)
          throw error;
        throw new SourceUnavailableError(
          `${error.message} To check, search ServiceNow for correlation id ${input.correlationId}.`,
          { cause: error, status: (error as SourceUnavailableError).status },
        );
      }
      const data: CreateIncidentResult = {
        message: `Opened ${incident.number} in ServiceNow.`,
        number: incident.number,
        sysId: incident.sys_id,
      };
      return {
        data,
        requests: [`POST /api/now/table/incident (Idempotency-Key ${context.idempotencyKey})`],
      };
    },
  });
}
