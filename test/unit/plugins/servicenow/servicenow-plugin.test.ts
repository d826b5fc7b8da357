/**
 * The ServiceNow plugin's contract: one action (Open ticket, responder, no confirmation), read skills (recent
 * incidents, whose query is built from numbers only, one incident, its journal, incident lists), and a health check that reads one incident. Runs against an
 * in-memory ServiceNow client on the real client contract.
 */
import { describe, expect, it } from 'vitest';
import { SourceUnavailableError } from '../../../../src/core/errors.js';
import { createServiceNowPlugin } from '../../../../src/plugins/servicenow/servicenow-plugin.js';
import { fakeServiceNow } from './fake-servicenow-client.js';

describe('the ServiceNow plugin', () => {
  it('offers Open ticket to responders without a confirmation step, and reads incidents and their journal', () => {
    const plugin = createServiceNowPlugin({ client: fakeServiceNow().client });
    expect(plugin).toMatchObject({ name: 'servicenow', displayName: 'ServiceNow' });
    expect(
      plugin.actions.map((action) => [action.name, action.title, action.requiredRole, action.destructive]),
    ).toEqual([['createIncident', 'Open ticket', 'responder', false]]);
    expect(plugin.skills.map((skill) => skill.name)).toEqual([
      'recentIncidents',
      'incident',
      'incidentJournal',
      'incidents',
    ]);
  });

  it('asks for incidents opened since the start of the window, newest first', async () => {
    const { client, listed } = fakeServiceNow();
    const plugin = createServiceNowPlugin({ client, now: () => new Date('2025-06-11T14:05:00Z') });
    const skill = plugin.skills[0];
    const output = await skill?.run(skill.input.parse({ days: 2 }), { signal: new AbortController().signal });
    expect(listed).toEqual(['sys_created_on>=2025-06-09 14:05:00^ORDERBYDESCsys_created_on']);
    expect(output?.data).toEqual({ incidents: [], truncated: false });
  });

  it('is healthy when it can read one incident, and says why not when it cannot', async () => {
    const signal = new AbortController().signal;
    expect(await createServiceNowPlugin({ client: fakeServiceNow().client }).health({ signal })).toEqual({
      ok: true,
    });
    const failure = new SourceUnavailableError('ServiceNow refused access (401): check the user.');
    expect(
      await createServiceNowPlugin({ client: fakeServiceNow(failure).client }).health({ signal }),
    ).toEqual({
      ok: false,
      detail: 'ServiceNow refused access (401): check the user.',
    });
  });
});
