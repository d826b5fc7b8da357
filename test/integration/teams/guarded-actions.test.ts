/**
 * Guarded remediation over the real wire protocol: an authorised click runs the action once against the demo
 * tenant (whose state changes), confirmation comes first for destructive actions, the card updates for
 * everyone, refusals (no role, exception list, another conversation, expired, replayed) change nothing, the
 * two-person rule needs a different approver, and every step lands in a verifiable audit chain.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SOC_TEAM } from '../../../src/demo/seed/people.js';
import { verifyAuditChain } from '../../../src/store/audit-log.js';
import { auditEvents, click, propose, settle } from '../../support/action-clicks.js';
import { ANALYST, cardAction, personalMessage } from '../../support/teams-activities.js';
import { cardOf, cardText, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

const NESTOR = { id: '29:1-nestor', name: 'Nestor Wilke', aadObjectId: SOC_TEAM.nestor.id };
const JOHANNA = { id: '29:1-johanna', name: 'Johanna Lorenz', aadObjectId: SOC_TEAM.johanna.id };

let ward: WardHarness;
beforeAll(async () => {
  ward = await startWardHarness();
});
afterAll(async () => {
  await ward?.close();
});
beforeEach(async () => {
  ward.connector.clear();
  await fetch(`${ward.demoTenantUrl}/_demo/reset`, { method: 'POST' });
});

describe('an authorised responder resets a password from the card', () => {
  it('confirms, executes once, updates the card for everyone, and the next answer reflects it', async () => {
    const { conversationId, buttons } = await propose(ward, 'is adele.vance@contoso.com compromised?');
    const reset = buttons.get('Reset password') ?? '';
    expect(await click(ward, conversationId, reset)).toMatch(/Confirm: Reset password for Adele Vance/);
    expect(await click(ward, conversationId, reset, 'confirm')).toMatch(
      /Working: started by Patti Fernandez/,
    );
    expect(await settle(ward, reset)).toBe('succeeded');
    // The shared card is updated in the conversation: at once ("working"), then with the result.
    await expect
      .poll(() =>
        ward.connector.sent
          .filter((sent) => sent.method === 'PUT')
          .map((sent) => cardText(cardOf(sent)))
          .join('\n'),
      )
      .toMatch(/Done: Password reset/);
    const again = await propose(ward, 'is adele.vance@contoso.com compromised?');
    expect(again.buttons.has('Reset password')).toBe(false);
    const answer = cardText(cardOf(ward.connector.messages(again.conversationId)[0] ?? { body: {} }));
    expect(answer).toMatch(/Remediated/);
    expect(await click(ward, conversationId, reset, 'confirm')).toMatch(/Already done by Patti Fernandez/);
    expect(await auditEvents(ward, reset)).toEqual([
      'clicked',
      'confirmation-shown',
      'clicked',
      'executing',
      'succeeded',
    ]);
    const verify = await ward.database.query<{ count: string }>(
      'SELECT count(*)::text AS count FROM audit_log',
    );
    expect(Number(verify.rows[0]?.count)).toBeGreaterThan(0);
  });

  it('cancel on the confirmation changes nothing', async () => {
    const { conversationId, buttons } = await propose(ward, 'is adele.vance@contoso.com compromised?');
    const revoke = buttons.get('Revoke sessions') ?? '';
    expect(await click(ward, conversationId, revoke, 'cancel')).toMatch(/Cancelled by Patti Fernandez/);
    expect(await click(ward, conversationId, revoke, 'confirm')).toMatch(/Cancelled/);
    expect(await auditEvents(ward, revoke)).toContain('cancelled');
  });
});

describe('refusals change nothing and are audited', () => {
  it('refuses a clicker without the responder role', async () => {
    const { conversationId, buttons } = await propose(ward, 'is adele.vance@contoso.com compromised?');
    const reset = buttons.get('Reset password') ?? '';
    expect(await click(ward, conversationId, reset, 'confirm', NESTOR)).toMatch(
      /needs the responder role; you hold no Ward role/,
    );
    expect(await settle(ward, reset)).toBe('proposed');
    expect(await auditEvents(ward, reset)).toEqual(['clicked', 'refused']);
  });

  it('refuses an action id from another conversation, and an expired one', async () => {
    const { conversationId, buttons } = await propose(ward, 'is adele.vance@contoso.com compromised?');
    const reset = buttons.get('Reset password') ?? '';
    expect(await click(ward, 'a:1-someone-else', reset, 'confirm')).toMatch(
      /no such action for this conversation/,
    );
    await ward.database.query(
      "UPDATE pending_actions SET expires_at = now() - interval '1 minute' WHERE id = $1",
      [reset],
    );
    expect(await click(ward, conversationId, reset, 'confirm')).toMatch(/expired/);
    expect(await settle(ward, reset)).toBe('expired');
  });

  it('never acts on an account on the exception list', async () => {
    const { conversationId, buttons } = await propose(ward, 'is adele.vance@contoso.com compromised?');
    const reset = buttons.get('Reset password') ?? '';
    // Point the stored action at a break-glass account, as a forged or mistaken proposal would.
    await ward.database.query(
      `UPDATE pending_actions SET target = jsonb_set(target, '{id}', '"5c2b1f0e-8d3a-4b6c-9e7f-0a1b2c3d4e71"') WHERE id = $1`,
      [reset],
    );
    expect(await click(ward, conversationId, reset, 'confirm')).toMatch(/exception list/);
    expect(await settle(ward, reset)).toBe('proposed');
  });
});

describe('the two-person rule', () => {
  it('disabling an account needs a different approver', async () => {
    const { conversationId, buttons } = await propose(ward, 'is adele.vance@contoso.com compromised?');
    const disable = buttons.get('Disable account') ?? '';
    expect(await click(ward, conversationId, disable)).toMatch(/second person with the approver role/);
    expect(await click(ward, conversationId, disable, 'confirm')).toMatch(/must click "Approve"/);
    expect(await settle(ward, disable)).toBe('awaiting-approval');
    expect(await click(ward, conversationId, disable, undefined, ANALYST)).toMatch(
      /needs a different approver/,
    );
    expect(await click(ward, conversationId, disable, undefined, NESTOR)).toMatch(/needs the approver role/);
    expect(await click(ward, conversationId, disable, undefined, JOHANNA)).toMatch(/Working/);
    expect(await settle(ward, disable)).toBe('succeeded');
    const user = (await (
      await fetch(`${ward.demoTenantUrl}/graph/v1.0/users/adele.vance@contoso.com?$select=accountEnabled`)
    ).json()) as { accountEnabled?: boolean };
    expect(user.accountEnabled).toBe(false);
    expect(await auditEvents(ward, disable)).toEqual(
      expect.arrayContaining(['approval-requested', 'refused', 'approved', 'executing', 'succeeded']),
    );
  });
});

describe('exactly once', () => {
  it('50 concurrent confirmed clicks run the action once; the others are told who did it', async () => {
    const { conversationId, buttons } = await propose(ward, 'is adele.vance@contoso.com compromised?');
    const revoke = buttons.get('Revoke sessions') ?? '';
    const texts = await Promise.all(
      Array.from({ length: 50 }, () => click(ward, conversationId, revoke, 'confirm')),
    );
    expect(texts.filter((text) => /Working: started by/.test(text))).toHaveLength(1);
    expect(await settle(ward, revoke)).toBe('succeeded');
    const events = await auditEvents(ward, revoke);
    expect(events.filter((event) => event === 'executing')).toHaveLength(1);
    expect(events.filter((event) => event === 'succeeded')).toHaveLength(1);
  });
});

describe('@Ward audit <user>', () => {
  it('shows the recorded trail with the chain verified, to analysts with a Ward role only', async () => {
    const { conversationId, buttons } = await propose(ward, 'is adele.vance@contoso.com compromised?');
    const revoke = buttons.get('Revoke sessions') ?? '';
    await click(ward, conversationId, revoke, 'confirm');
    expect(await settle(ward, revoke)).toBe('succeeded');

    const activity = personalMessage(ward.connector.url, 'audit adele.vance@contoso.com');
    activity.conversation = { id: conversationId, conversationType: 'personal' };
    ward.connector.clear();
    expect((await ward.post(activity)).status).toBe(200);
    const posted = (id: string) => ward.connector.messages(id).filter((sent) => sent.method === 'POST');
    const trail = cardText(cardOf(posted(conversationId)[0] ?? { body: {} }));
    expect(trail).toMatch(/Audit chain verified/);
    expect(trail).toMatch(/succeeded/i);
    expect(trail).toMatch(/Patti Fernandez/);

    ward.connector.clear();
    expect((await ward.post({ ...activity, text: "audit ';DROP_TABLE_audit_log--" })).status).toBe(200);
    expect(cardText(cardOf(posted(conversationId)[0] ?? { body: {} }))).toMatch(
      /not a user principal name or object id/,
    );
    // Nothing recorded or lost: the chain still verifies.
    expect(await verifyAuditChain(ward.database)).toMatchObject({ ok: true });

    ward.connector.clear();
    expect((await ward.post({ ...activity, from: NESTOR })).status).toBe(200);
    expect(cardText(cardOf(posted(conversationId)[0] ?? { body: {} }))).toMatch(
      /for analysts with a Ward role/,
    );
  });
});

describe('dismissing risk needs a reason', () => {
  it('asks for false positive or benign, refuses to run without one, and records the reason', async () => {
    const { conversationId, buttons } = await propose(ward, 'investigate megan.bowen@contoso.com');
    const dismiss = buttons.get('Dismiss risk') ?? '';
    const response = await ward.post(
      cardAction(ward.connector.url, conversationId, 'ward.action', { actionId: dismiss }),
    );
    const confirmCard = (response.body as { value: Record<string, unknown> }).value;
    expect(cardText(confirmCard)).toMatch(/Benign: expected activity/);
    // Confirm without choosing: the card comes back, nothing runs.
    expect(await click(ward, conversationId, dismiss, 'confirm')).toMatch(/Benign: expected activity/);
    expect(await settle(ward, dismiss)).toBe('proposed');
    // A value that is not one of the choices is not accepted either.
    const forged = await ward.post(
      cardAction(ward.connector.url, conversationId, 'ward.action', {
        actionId: dismiss,
        step: 'confirm',
        reason: "'; DROP TABLE audit_log; --",
      }),
    );
    expect(cardText((forged.body as { value: unknown }).value)).toMatch(/Benign: expected activity/);
    expect(await settle(ward, dismiss)).toBe('proposed');
    const chosen = await ward.post(
      cardAction(ward.connector.url, conversationId, 'ward.action', {
        actionId: dismiss,
        step: 'confirm',
        reason: 'benign',
      }),
    );
    expect(cardText((chosen.body as { value: unknown }).value)).toMatch(/Working/);
    expect(await settle(ward, dismiss)).toBe('succeeded');
    const rows = await ward.database.query<{ message: string }>(
      "SELECT result->>'message' AS message FROM pending_actions WHERE id = $1",
      [dismiss],
    );
    expect(rows.rows[0]?.message).toMatch(/dismissed as benign/);
    const again = await propose(ward, 'investigate megan.bowen@contoso.com');
    expect(cardText(cardOf(ward.connector.messages(again.conversationId)[0] ?? { body: {} }))).toMatch(
      /dismissed/i,
    );
  });
});

describe('when the tenant API fails during an action', () => {
  it('ends in a clear failed state on the card, never a spinner', async () => {
    await fetch(`${ward.demoTenantUrl}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'revokeSignInSessions', status: 500 }),
    });
    try {
      const { conversationId, buttons } = await propose(ward, 'is adele.vance@contoso.com compromised?');
      const revoke = buttons.get('Revoke sessions') ?? '';
      expect(await click(ward, conversationId, revoke, 'confirm')).toMatch(/Working/);
      expect(await settle(ward, revoke)).toBe('failed');
      await expect
        .poll(() =>
          ward.connector.sent
            .filter((sent) => sent.method === 'PUT')
            .map((sent) => cardText(cardOf(sent)))
            .join('\n'),
        )
        .toMatch(/Failed: Microsoft Graph failed \(500\)/);
      expect(await auditEvents(ward, revoke)).toContain('failed');
    } finally {
      await fetch(`${ward.demoTenantUrl}/_demo/faults`, { method: 'DELETE' });
    }
  });
});
