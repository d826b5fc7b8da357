import { describe, expect, it } from 'vitest';
import { ServiceNowHttpError } from '../../../src/demo/servicenow/servicenow-error.js';
import {
  matchesQuery,
  orderRecords,
  parseEncodedQuery,
} from '../../../src/demo/servicenow/servicenow-query.js';

const records = [
  {
    number: 'INC1',
    state: '1',
    category: 'security',
    short_description: 'Phishing email',
    priority: '2',
    assigned_to: '',
  },
  {
    number: 'INC2',
    state: '2',
    category: 'network',
    short_description: 'VPN down',
    priority: '3',
    assigned_to: 'a',
  },
  {
    number: 'INC3',
    state: '7',
    category: 'security',
    short_description: 'Lost laptop',
    priority: '1',
    assigned_to: 'b',
  },
];

function detailOf(parse: () => unknown): string | null | undefined {
  try {
    parse();
  } catch (error) {
    return ServiceNowHttpError.isInstance(error) ? error.detail : undefined;
  }
  return undefined;
}

function run(query: string): string[] {
  const parsed = parseEncodedQuery(query);
  const matching = records.filter((r) =>
    matchesQuery(parsed, (field) => (r as Record<string, string>)[field]),
  );
  return orderRecords(parsed, matching, (r, field) => (r as Record<string, string>)[field] ?? '').map(
    (r) => r.number,
  );
}

describe('ServiceNow encoded queries in the demo instance', () => {
  it('ands conditions with ^, ors them with ^OR and ^NQ', () => {
    expect(run('category=security^state!=7')).toEqual(['INC1']);
    expect(run('state=1^ORstate=2')).toEqual(['INC1', 'INC2']);
    expect(run('state=7^NQcategory=network')).toEqual(['INC2', 'INC3']);
  });

  it('understands LIKE, STARTSWITH, IN, ISEMPTY and comparisons, ignoring case', () => {
    expect(run('short_descriptionLIKEemail')).toEqual(['INC1']);
    expect(run('short_descriptionLIKEVPN')).toEqual(['INC2']);
    expect(run('short_descriptionSTARTSWITHlost')).toEqual(['INC3']);
    expect(run('stateIN1,7')).toEqual(['INC1', 'INC3']);
    expect(run('assigned_toISEMPTY')).toEqual(['INC1']);
    expect(run('priority<=2')).toEqual(['INC1', 'INC3']);
    expect(run('short_descriptionNOT LIKEphish')).toEqual(['INC2', 'INC3']);
  });

  it('orders with ORDERBY and ORDERBYDESC', () => {
    expect(run('ORDERBYpriority')).toEqual(['INC3', 'INC1', 'INC2']);
    expect(run('category=security^ORDERBYDESCnumber')).toEqual(['INC3', 'INC1']);
  });

  it('matches nothing on an unknown field, and refuses scripts and dot-walking through two references', () => {
    expect(run('u_custom=1')).toEqual([]);
    expect(detailOf(() => parseEncodedQuery('sys_created_on>javascript:gs.daysAgo(1)'))).toMatch(
      /Script values/,
    );
    expect(detailOf(() => parseEncodedQuery('caller_id.manager.email=adele@contoso.com'))).toMatch(
      /Dot-walked fields through more than one reference/,
    );
  });

  it('reads a condition dot-walked through one reference, for the caller of matchesQuery to resolve', () => {
    const parsed = parseEncodedQuery(
      'caller_id.email=Adele.Vance@contoso.com^assignment_group.nameLIKEsecurity',
    );
    expect(parsed.queries).toEqual([
      [
        [{ field: 'caller_id.email', operator: '=', value: 'Adele.Vance@contoso.com' }],
        [{ field: 'assignment_group.name', operator: 'LIKE', value: 'security' }],
      ],
    ]);
    const values: Record<string, string> = {
      'caller_id.email': 'adele.vance@contoso.com',
      'assignment_group.name': 'Security Operations',
    };
    expect(matchesQuery(parsed, (field) => values[field])).toBe(true);
    expect(matchesQuery(parsed, (field) => ({ ...values, 'caller_id.email': '' })[field])).toBe(false);
  });
});
