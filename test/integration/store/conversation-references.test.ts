import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getConversationReference,
  listConversationReferences,
  saveConversationReference,
} from '../../../src/store/conversation-references.js';
import type { Database } from '../../../src/store/database.js';
import { testEngines } from '../../support/test-database.js';

function reference(conversationId: string, extra: Record<string, unknown> = {}) {
  return {
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channelId: 'msteams',
    bot: { id: '28:ward', name: 'Ward' },
    conversation: { id: conversationId, conversationType: 'channel', tenantId: 'tenant-1' },
    ...extra,
  };
}

describe.each(testEngines)('conversation references on $kind', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('stores a reference and gives it back with everything the host put in', async () => {
    const saved = await saveConversationReference(db, {
      conversationId: '19:soc@thread.tacv2',
      tenantId: 'tenant-1',
      kind: 'channel',
      name: 'SOC - Incident 4411',
      reference: reference('19:soc@thread.tacv2', { locale: 'en-GB' }),
    });
    expect(saved.updatedAt).toBeInstanceOf(Date);
    const loaded = await getConversationReference(db, '19:soc@thread.tacv2');
    expect(loaded).toEqual(saved);
    expect(loaded?.reference).toMatchObject({ locale: 'en-GB', bot: { id: '28:ward' } });
    expect(loaded?.name).toBe('SOC - Incident 4411');
  });

  it('refreshes the reference on a later turn, keeping the name when the host did not send it', async () => {
    await saveConversationReference(db, {
      conversationId: '19:refresh@thread.tacv2',
      tenantId: 'tenant-1',
      kind: 'channel',
      name: 'SOC triage',
      reference: reference('19:refresh@thread.tacv2', { activityId: 'first' }),
    });
    const refreshed = await saveConversationReference(db, {
      conversationId: '19:refresh@thread.tacv2',
      tenantId: 'tenant-1',
      kind: 'channel',
      reference: reference('19:refresh@thread.tacv2', { activityId: 'second' }),
    });
    expect(refreshed.name).toBe('SOC triage');
    expect(refreshed.reference).toMatchObject({ activityId: 'second' });
    const count = await db.query(`SELECT 1 FROM conversation_references WHERE conversation_id = $1`, [
      '19:refresh@thread.tacv2',
    ]);
    expect(count.rowCount).toBe(1);
  });

  it('answers undefined for a conversation it never saw', async () => {
    expect(await getConversationReference(db, 'a:never-seen')).toBeUndefined();
  });

  it('lists conversations by tenant and kind, most recently active first', async () => {
    for (const [conversationId, tenantId, kind] of [
      ['a:personal-1', 'tenant-list', 'personal'],
      ['19:chat-1@thread.v2', 'tenant-list', 'groupChat'],
      ['19:channel-1@thread.tacv2', 'tenant-list', 'channel'],
      ['19:channel-2@thread.tacv2', 'tenant-list', 'channel'],
      ['19:other@thread.tacv2', 'tenant-other', 'channel'],
    ] as const) {
      await saveConversationReference(db, {
        conversationId,
        tenantId,
        kind,
        reference: reference(conversationId),
      });
      // PGlite's clock ticks in milliseconds: keep the saves apart so their order is the order of activity.
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const channels = await listConversationReferences(db, { tenantId: 'tenant-list', kind: 'channel' });
    expect(channels.map((row) => row.conversationId)).toEqual([
      '19:channel-2@thread.tacv2',
      '19:channel-1@thread.tacv2',
    ]);
    const tenant = await listConversationReferences(db, { tenantId: 'tenant-list' });
    expect(tenant).toHaveLength(4);
    const all = await listConversationReferences(db);
    expect(all.map((row) => row.conversationId)).toContain('19:other@thread.tacv2');
  });

  it('refuses a reference a proactive send could not use', async () => {
    await expect(
      saveConversationReference(db, {
        conversationId: 'a:broken',
        tenantId: 'tenant-1',
        kind: 'personal',
        reference: { conversation: { id: 'a:broken' } } as never,
      }),
    ).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('serviceUrl') });
    expect(await getConversationReference(db, 'a:broken')).toBeUndefined();
  });
});
