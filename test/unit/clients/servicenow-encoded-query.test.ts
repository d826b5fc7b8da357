import { describe, expect, it } from 'vitest';
import { encodedQuery } from '../../../src/clients/servicenow-encoded-query.js';
import { InvalidInputError } from '../../../src/core/errors.js';

describe('encodedQuery', () => {
  it('joins conditions with ^ and appends the order', () => {
    expect(
      encodedQuery(
        [
          { field: 'category', operator: '=', value: 'security' },
          { field: 'short_description', operator: 'LIKE', value: 'adele vance' },
        ],
        [{ field: 'sys_created_on', descending: true }],
      ),
    ).toBe('category=security^short_descriptionLIKEadele vance^ORDERBYDESCsys_created_on');
  });

  it('refuses a value that would add conditions of its own, and a field that is not a field name', () => {
    expect(() =>
      encodedQuery([{ field: 'short_description', operator: 'LIKE', value: 'x^active=false' }]),
    ).toThrow(InvalidInputError);
    expect(() => encodedQuery([{ field: 'state', operator: '=', value: '1\n' }])).toThrow(InvalidInputError);
    expect(() => encodedQuery([{ field: 'state=1^priority', operator: '=', value: '1' }])).toThrow(
      InvalidInputError,
    );
  });
});
