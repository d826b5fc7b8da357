/**
 * "Open ticket" (`servicenow.createIncident`) maps the pending action's input onto ServiceNow incident fields,
 * sends the execution's idempotency key, reports the new incident's number, and lets the client's words for a
 * failure reach the card. Runs against an in-memory ServiceNow client on the real client contract.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError, SourceUnavailableError } from '../../../../src/core/errors.js';
import {
  createIncidentAction,
  createIncidentInputSchema,
  incidentFields,
} from '../../../../src/plugins/servicenow/actions/create-incident.js';
import { fakeServiceNow, SYS_ID } from './fake-servicenow-client.js';

const ADELE_ID = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const ticket = {
  userId: ADELE_ID,
  shortDescription: 'Ward: Adele Vance: High risk — likely compromised',
  description: 'Password spray, then sign-ins from two countries.\n\nWard answer: 7d0c…',
  urgency: '1',
  correlationId: 'ward-7d0c9f4e-1b2a-4c3d-8e5f-6a7b8c9d0e1f',
};

describe('the input of Open ticket', () => {
  it('takes the target user, a short description, a description, an urgency and a correlation id', () => {
    expect(createIncidentInputSchema.parse(ticket)).toEqual(ticket);
    const { correlationId: _, ...withoutCorrelation } = ticket;
    expect(createIncidentInputSchema.safeParse(withoutCorrelation).success).toBe(true);
  });

  it('refuses a target that is not an object id, text past ServiceNow limits, and an unknown urgency', () => {
    const refused = (change: Record<string, unknown>) =>
      createIncidentInputSchema.safeParse({ ...ticket, ...change }).success;
    expect(refused({ userId: 'adele.vance@contoso.com' })).toBe(false);
    expect(refused({ shortDescription: 'x'.repeat(161) })).toBe(false);
    expect(refused({ shortDescription: '  ' })).toBe(false);
    expect(refused({ description: 'x'.repeat(4_001) })).toBe(false);
    expect(refused({ urgency: '4' })).toBe(false);
    expect(refused({ urgency: 1 })).toBe(false);
    expect(refused({ correlationId: 'x'.repeat(101) })).toBe(false);
  });

  it('maps onto incident fields: category Security, the urgency given, medium impact, Ward as correlation, a work note', () => {
    expect(incidentFields(createIncidentInputSchema.parse(ticket))).toEqual({
      short_description: ticket.shortDescription,
      description: ticket.description,
      urgency: '1',
      impact: '2',
      category: 'Security',
      contact_type: 'integration',
      correlation_id: ticket.correlationId,
      correlation_display: 'Ward',
      work_notes: `Opened by Ward on an analyst's click in Microsoft Teams (correlation id ${ticket.correlationId}). The description is Ward's answer; containment actions taken from that answer are audited in Ward.`,
    });
    const { correlationId: _, ...withoutCorrelation } = ticket;
    const fields = incidentFields(createIncidentInputSchema.parse(withoutCorrelation));
    expect(fields).not.toHaveProperty('correlation_id');
    expect(fields).not.toHaveProperty('correlation_display');
    expect(fields.work_notes).toMatch(/^Opened by Ward on an analyst's click in Microsoft Teams\. /);
  });
});

describe('running Open ticket', () => {
  it('opens one incident with the idempotency key and reports its number and sys_id', async () => {
    const { client, created } = fakeServiceNow();
    const action = createIncidentAction(client);
    const signal = new AbortController().signal;
    const output = await action.run(createIncidentInputSchema.parse(ticket), {
      signal,
      idempotencyKey: 'key-1',
    });
    expect(created).toHaveLength(1);
    expect(created[0]?.fields.short_description).toBe(ticket.shortDescription);
    expect(created[0]?.options).toEqual({ idempotencyKey: 'key-1', signal });
    expect(output).toEqual({
      data: { message: 'Opened INC0010042 in ServiceNow.', number: 'INC0010042', sysId: SYS_ID },
      requests: ['POST /api/now/table/incident (Idempotency-Key key-1)'],
    });
  });

  it("keeps the client's words for a failure and adds the correlation id to find the ticket by", async () => {
    const failure = new SourceUnavailableError(
      'ServiceNow failed (503); it may or may not have been carried out, so Ward did not send it again.',
      { status: 503 },
    );
    const action = createIncidentAction(fakeServiceNow(failure).client);
    const context = { signal: new AbortController().signal, idempotencyKey: 'key-2' };
    const error = await action.run(createIncidentInputSchema.parse(ticket), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error).toMatchObject({
      message: `${failure.message} To check, search ServiceNow for correlation id ${ticket.correlationId}.`,
      status: 503,
      cause: failure,
    });
    const { correlationId: _, ...withoutCorrelation } = ticket;
    await expect(action.run(createIncidentInputSchema.parse(withoutCorrelation), context)).rejects.toBe(
      failure,
    );
    const invalid = new InvalidInputError('The new incident is not valid for ServiceNow.');
    await expect(
      createIncidentAction(fakeServiceNow(invalid).client).run(
        createIncidentInputSchema.parse(ticket),
        context,
      ),
    ).rejects.toBe(invalid);
  });
});
