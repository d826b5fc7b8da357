/**
 * A proposed action may carry its own input (a ticket's text), bounded, as strings, and never naming a user
 * other than its target: the click flow spreads the input after the target's id, so a `userId` here would act
 * on someone the exception list never checked.
 */
import { describe, expect, it } from 'vitest';
import { proposedActionSchema } from '../../../src/core/answer.js';

const proposal = {
  action: 'servicenow.createIncident',
  title: 'Open ticket',
  target: { kind: 'user', id: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
  why: 'Track the investigation and containment in ServiceNow.',
  destructive: false,
};

describe('a proposed action', () => {
  it('needs no input, and keeps the input it is given', () => {
    expect(proposedActionSchema.parse(proposal)).not.toHaveProperty('input');
    const input = { shortDescription: 'Ward: Adele Vance', urgency: '1', correlationId: 'ward-{answerId}' };
    expect(proposedActionSchema.parse({ ...proposal, input }).input).toEqual(input);
  });

  it('refuses an input that names another user, is not text, or is unbounded', () => {
    const accepts = (input: unknown) => proposedActionSchema.safeParse({ ...proposal, input }).success;
    expect(accepts({ userId: '5c2b1f0e-8d3a-4b6c-9e7f-0a1b2c3d4e71' })).toBe(false);
    expect(accepts({ urgency: 1 })).toBe(false);
    expect(accepts({ description: 'x'.repeat(4_001) })).toBe(false);
    expect(accepts({ 'short description': 'x' })).toBe(false);
    expect(accepts(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`field${i}`, 'x'])))).toBe(false);
    expect(accepts(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`field${i}`, 'x'])))).toBe(true);
  });
});
