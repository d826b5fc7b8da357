/**
 * Skill `entra.findUsers`: directory search by the start of a name or UPN ("adele", "Megan Bowen"). Used by
 * grounding to resolve names typed by analysts. Read-only; the query is quoted as an OData literal.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { type GraphUser, userSchema } from '../../../clients/graph-resources.js';
import { odataString, queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';

export const USER_SELECT =
  'id,displayName,userPrincipalName,mail,givenName,surname,jobTitle,department,officeLocation,usageLocation,accountEnabled';

export function findUsersSkill(graph: GraphClient) {
  return defineSkill({
    name: 'findUsers',
    description: 'Finds directory users whose display name, given name, surname or UPN starts with the text.',
    input: z.object({
      query: z.string().trim().min(2).max(64),
      top: z.number().int().min(1).max(25).default(10),
    }),
    async run(input, context) {
      const words = input.query.split(/\s+/).filter(Boolean).slice(0, 3);
      const first = odataString(words[0] ?? input.query);
      const whole = odataString(input.query);
      // "Megan Bowen": the display name starts with the whole text; "adele": any name part starts with it.
      const filter =
        words.length > 1
          ? `startswith(displayName,${whole}) or (startswith(givenName,${first}) and startswith(surname,${odataString(words[words.length - 1] ?? '')}))`
          : `startswith(displayName,${whole}) or startswith(givenName,${whole}) or startswith(surname,${whole}) or startswith(userPrincipalName,${whole})`;
      const path = `/users${queryString({ $filter: filter, $select: USER_SELECT, $top: input.top })}`;
      const result = await graph.list(path, userSchema, { signal: context.signal, maxItems: input.top });
      return { data: result.items satisfies GraphUser[], requests: [graph.describe('GET', path)] };
    },
  });
}
