/**
 * The joiner, mover and leaver review over the real Bot Framework wire protocol, with the default rules
 * planner and the demo tenant's Entra ID: "@Ward are leavers being offboarded?" finds Nestor Wilke, who left
 * nine days ago and can still sign in with Global Reader and his groups, the "Offboard an employee" workflow
 * that is off and lacks "Remove user from all groups", the missing mover workflow, and offers Disable account
 * and Revoke sessions for Nestor only; a click (approved by a second person) disables him and the next answer
 * says so; Lifecycle Workflows failing (503) gives a partial answer that still names the leaver, and the HR
 * dates failing one that still reviews the workflows. Finding details are read from the stored answer: the
 * card may shorten them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/core/answer.js';
import { SOC_TEAM } from '../../../src/demo/seed/people.js';
import { click, propose, settle } from '../../support/action-clicks.js';
import { addDemoFault } from '../../support/demo-faults.js';
import { channelMention } from '../../support/teams-activities.js';
import {
  cardOf,
  cardText,
  executeActions,
  startWardHarness,
  type WardHarness,
} from '../../support/ward-harness.js';

const JOHANNA = { id: '29:1-johanna', name: 'Johanna Lorenz', aadObjectId: SOC_TEAM.johanna.id };

let ward: WardHarness;

beforeAll(async () => {
  ward = await startWardHarness({ SOURCE_MAX_RETRIES: '1' });
});
afterAll(async () => {
  await ward?.close();
});
beforeEach(async () => {
  ward.connector.clear();
  await fetch(`${ward.demoTenantUrl}/_demo/faults`, { method: 'DELETE' });
  await fetch(`${ward.demoTenantUrl}/_demo/reset`, { method: 'POST' });
});

let nextRoot = 1_737_000_000_000;

/**
 * Asks in a new channel thread; returns the card Ward posted back (as text, and its action buttons) and the
 * answer Ward stored, whose finding details the card may shorten.
 */
async function ask(question: string) {
  const activity = channelMention(ward.connector.url, question, { threadRoot: String(++nextRoot) });
  const conversationId = (activity.conversation as { id: string }).id;
  const response = await ward.post(activity);
  expect(response.status).toBe(200);
  const messages = ward.connector.messages(conversationId);
  expect(messages.length).toBeGreaterThan(0);
  const card = cardOf(messages.at(-1)!);
  const text = cardText(card);
  if (process.env.PRINT_CARDS) console.log(`--- ${question}\n${text}`);
  const buttons = executeActions(card).filter((action) => action.verb === 'ward.action');
  const stored = await ward.database.query<{ answer: Answer }>(
    'SELECT answer FROM answers WHERE conversation_id = $1 ORDER BY created_at DESC LIMIT 1',
    [conversationId],
  );
  const answer = stored.rows[0]?.answer;
  expect(answer).toBeDefined();
  const finding = (title: RegExp) => answer!.findings.find((candidate) => title.test(candidate.title));
  return { text, buttons, answer: answer!, finding };
}

describe('are leavers being offboarded?', () => {
  it('finds the leaver who can still sign in, the disabled leaver workflow and the missing mover workflow', async () => {
    const { text, buttons, answer, finding } = await ask('are leavers being offboarded?');
    expect(text).toMatch(/Joiners, movers and leavers: /);
    expect(text).toMatch(/High risk/);
    expect(answer.intent).toBe('identity-posture');
    // The leaver an analyst must see: left nine days ago, enabled, Global Reader, still in his groups.
    expect(text).toMatch(/Nestor Wilke left 9 d ago and can still sign in/);
    const nestor = finding(/^Nestor Wilke left 9 d ago and can still sign in$/);
    expect(nestor?.severity).toBe('high');
    expect(nestor?.detail).toMatch(
      /Still holds the directory role Global Reader\. Still a member of All Employees, Operations Team\./,
    );
    expect(nestor?.detail).toMatch(/Signed in \d+ times? since leaving/);
    expect(nestor?.detail).toMatch(/"Offboard an employee" is off, so nothing offboarded them/);
    // The processes: the leaver workflow is off and lacks a key task, there is no mover workflow.
    expect(text).toMatch(/Leaver workflow off: Offboard an employee/);
    expect(text).toMatch(/Offboard an employee lacks Remove user from all groups/);
    expect(text).toMatch(/No mover workflow/);
    expect(text).toMatch(/joiner: 1 on; mover: none; leaver: 1 off/);
    // The people table: the properly offboarded leaver, the one leaving soon, the joiner starting soon.
    const people = answer.evidence.find((table) => table.title === 'Leavers and joiners');
    expect(people?.rows.map((row) => row.slice(1, 4))).toEqual([
      ['left', expect.stringMatching(/\(9 d ago\)$/), 'enabled'],
      ['left', expect.stringMatching(/\(47 d ago\)$/), 'disabled'],
      ['leaves', expect.stringMatching(/\(in 12 d\)$/), 'enabled'],
      ['starts', expect.stringMatching(/\(in 6 d\)$/), 'disabled'],
    ]);
    expect(people?.rows[1]).toEqual([
      'Jenna Bennett (jenna.bennett@contoso.com)',
      'left',
      expect.any(String),
      'disabled',
      'nothing',
    ]);
    expect(people?.rows[3]?.[0]).toBe('Felix Wang (felix.wang@contoso.com)');
    expect(text).toMatch(/1 person leaves soon and no leaver workflow will run/);
    // Remediation names Microsoft's templates.
    expect(text).toMatch(/Turn on "Offboard an employee"/);
    expect(text).toMatch(/Add a mover workflow from "Employee group membership changes"/);
    const steps = answer.remediation.map((step) => `${step.title} ${step.detail ?? ''}`).join('\n');
    expect(steps).toMatch(/"Real-time employee termination"/);
    expect(steps).toMatch(/Generate Temporary Access Pass/);
    expect(answer.remediation[0]).toMatchObject({
      title: 'Contain the leavers who can still sign in',
      action: 'entra.disableAccount',
    });
    // Cited: the workflows, the HR dates, what Nestor holds and his sign-ins.
    for (const skill of [
      'lifecycleWorkflows',
      'joinersAndLeavers',
      'memberOf',
      'privilegedRoleAssignments',
      'signIns',
    ]) {
      expect(text).toMatch(new RegExp(`entra\\.${skill}`));
    }
    expect(text).not.toMatch(/Partial answer/);
    // Containment for the leaver who can still sign in, and nobody else.
    expect(buttons.map((button) => button.title).sort()).toEqual(['Disable account', 'Revoke sessions']);
    expect(answer.proposedActions.map((action) => [action.action, action.target.id])).toEqual([
      ['entra.disableAccount', SOC_TEAM.nestor.id],
      ['entra.revokeSessions', SOC_TEAM.nestor.id],
    ]);
  });

  it('disables the leaver from the card; the next answer sees the account disabled but still holding access', async () => {
    const { conversationId, buttons } = await propose(
      ward,
      'which accounts of people who left are still enabled?',
    );
    const disable = buttons.get('Disable account') ?? '';
    expect(disable).not.toBe('');
    const confirm = await click(ward, conversationId, disable);
    expect(confirm).toMatch(/Confirm: Disable account for Nestor Wilke/);
    expect(confirm).toMatch(/Global Reader/);
    await click(ward, conversationId, disable, 'confirm');
    // Disabling an account takes a second person with the approver role.
    expect(await settle(ward, disable)).toBe('awaiting-approval');
    expect(await click(ward, conversationId, disable, undefined, JOHANNA)).toMatch(/Working/);
    expect(await settle(ward, disable)).toBe('succeeded');
    const { text, buttons: after } = await ask('are leavers being offboarded?');
    expect(text).not.toMatch(/Nestor Wilke left 9 d ago and can still sign in/);
    expect(text).toMatch(/Nestor Wilke left 9 d ago: disabled, but still holds access/);
    expect(text).toMatch(/Leaver workflow off: Offboard an employee/);
    expect(after).toEqual([]);
  });

  it('answers in part when Lifecycle Workflows are unavailable, still naming the leaver', async () => {
    await addDemoFault(ward.demoTenantUrl, {
      path: 'identityGovernance/lifecycleWorkflows',
      status: 503,
      times: 20,
    });
    const { text, buttons } = await ask('joiner mover leaver gaps');
    expect(text).toMatch(/Partial answer/);
    expect(text).toMatch(/Could not check: lifecycle workflows/);
    expect(text).toMatch(/Nestor Wilke left 9 d ago and can still sign in/);
    expect(text).not.toMatch(/No mover workflow/);
    expect(buttons.map((button) => button.title)).toContain('Disable account');
  });

  it('answers in part when the HR dates cannot be read, still reviewing the workflows', async () => {
    await addDemoFault(ward.demoTenantUrl, { path: 'users$', status: 503, times: 20 });
    const { text, buttons } = await ask('are leavrs being offboarded?');
    expect(text).toMatch(/Partial answer/);
    expect(text).toMatch(/Could not check: joiners and leavers/);
    expect(text).toMatch(/Leaver workflow off: Offboard an employee/);
    expect(text).not.toMatch(/Nestor Wilke/);
    expect(buttons).toEqual([]);
  });
});
