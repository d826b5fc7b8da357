/** A list of incidents in an analyst's words: open and worst first, counts, who owns them, where to start. */
import { describe, expect, it } from 'vitest';
import { summariseIncidents } from '../../../../src/plugins/defender-xdr/summarise-incidents.js';
import { adeleAlerts, incident, minutesAgo, NOW } from './fixtures.js';

describe('summariseIncidents', () => {
  const incidents = [
    incident({ id: '4209', severity: 'high', status: 'resolved', lastUpdateDateTime: minutesAgo(5) }),
    incident({
      id: '4210',
      severity: 'medium',
      status: 'inProgress',
      assignedTo: 'lee.gu@contoso.com',
      lastUpdateDateTime: minutesAgo(30),
    }),
    incident(
      { id: '4211', severity: 'high', status: 'active', lastUpdateDateTime: minutesAgo(10) },
      adeleAlerts(),
    ),
  ];

  it('puts open incidents first, worst severity first, and says where to start', () => {
    const summary = summariseIncidents({ incidents, truncated: false, scope: '', now: NOW });
    expect(summary.table?.rows.map((row) => row[0])).toEqual(['4211', '4210', '4209']);
    expect(summary.title).toBe('3 incidents');
    expect(summary.riskLevel).toBe('high');
    expect(summary.summary).toBe(
      'Defender XDR has 3 incidents: 2 high and 1 medium; 2 open; 1 open and unassigned. Start with incident 4211 (Multi-stage incident involving Initial access & Credential access on one endpoint): high severity · active · unassigned · 4 alerts · affects Adele Vance and DESKTOP-ADELE01 · updated 10 min ago.',
    );
    expect(summary.facts).toEqual([
      { label: 'High', value: '2' },
      { label: 'Medium', value: '1' },
      { label: 'Open', value: '2' },
      { label: 'Open and unassigned', value: '1' },
    ]);
    expect(summary.findings.map((f) => f.severity)).toEqual(['high', 'medium', 'none']);
    expect(summary.remediation[0]?.title).toBe('Take the unassigned high-severity incidents first');
    expect(summary.followUps).toEqual([
      'summarise incident 4211',
      'summarise incident 4210',
      'summarise incident 4209',
    ]);
  });

  it('says plainly when none match, for whom and since when', () => {
    const summary = summariseIncidents({
      incidents: [],
      truncated: false,
      scope: 'open high severity',
      user: 'Megan Bowen (megan.bowen@contoso.com)',
      window: 'updated in the last 30 days',
      now: NOW,
    });
    expect(summary.title).toBe('No open high severity incidents for Megan Bowen (megan.bowen@contoso.com)');
    expect(summary.summary).toBe(
      'Defender XDR has no open high severity incidents for Megan Bowen (megan.bowen@contoso.com) updated in the last 30 days.',
    );
    expect(summary.riskLevel).toBe('none');
    expect(summary.table).toBeUndefined();
  });

  it('marks a list cut short and says when none is open', () => {
    const summary = summariseIncidents({
      incidents: [incidents[0]!],
      truncated: true,
      scope: 'resolved',
      now: NOW,
    });
    expect(summary.title).toBe('1+ resolved incidents');
    expect(summary.summary).toMatch(/None of them is open\./);
    expect(summary.riskLevel).toBe('none');
  });
});
