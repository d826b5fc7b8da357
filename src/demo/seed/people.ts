/**
 * The demo tenant's named people: the ones whose stories are told in shared/docs/DEMO-TENANT.md, and the SOC
 * team that talks to Ward in the Agents Playground. Their object ids are fixed so that the Playground's users,
 * the demo tenant's directory and (later) Ward's role settings all agree. Never used outside the demo.
 */
export const DEMO_TENANT_ID = '6f1c3a2e-0d4b-4e8a-9c77-1b2d3e4f5a60';
export const DEMO_DOMAIN = 'contoso.com';

export interface DemoPerson {
  id: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  jobTitle: string;
  department: string;
  officeLocation: string;
  usageLocation: string;
}

function person(
  id: string,
  givenName: string,
  surname: string,
  jobTitle: string,
  department: string,
  officeLocation: string,
  usageLocation: string,
): DemoPerson {
  const userPrincipalName = `${givenName}.${surname}@${DEMO_DOMAIN}`.toLowerCase();
  return { id, givenName, surname, userPrincipalName, jobTitle, department, officeLocation, usageLocation };
}

/** People whose security stories the demo tenant tells. */
export const STORY_PEOPLE = {
  adele: person(
    'a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01',
    'Adele',
    'Vance',
    'Retail Manager',
    'Retail',
    '18/2111',
    'US',
  ),
  megan: person(
    'b2e1d5f3-7c2e-4d66-8b8f-3e6c9a4f1b02',
    'Megan',
    'Bowen',
    'Marketing Manager',
    'Marketing',
    '12/1110',
    'US',
  ),
  alex: person(
    'c3f2e6a4-8d3f-4e77-9c9a-4f7dab5a2c03',
    'Alex',
    'Wilber',
    'Marketing Assistant',
    'Marketing',
    '131/1104',
    'US',
  ),
  diego: person(
    'd4a3f7b5-9e4a-4f88-8dab-5a8ebc6b3d04',
    'Diego',
    'Siciliani',
    'HR Manager',
    'HR',
    '14/1108',
    'US',
  ),
  lynne: person(
    'e5b4a8c6-af5b-4a99-9ebc-6b9fcd7c4e05',
    'Lynne',
    'Robbins',
    'Planner',
    'Retail',
    '20/1104',
    'US',
  ),
} as const;

/** The SOC team: the Agents Playground's current user (Patti) and its five other users (it allows exactly five). */
export const SOC_TEAM = {
  patti: person(
    'f6c5b9d7-b06c-4baa-8fcd-7ca0de8d5f06',
    'Patti',
    'Fernandez',
    'SOC Lead',
    'Security Operations',
    '19/3123',
    'US',
  ),
  isaiah: person(
    '07d6cae8-c17d-4cbb-90de-8db1ef9e6007',
    'Isaiah',
    'Langer',
    'SOC Analyst',
    'Security Operations',
    '19/3124',
    'US',
  ),
  johanna: person(
    '18e7dbf9-d28e-4dcc-a1ef-9ec2f0af7108',
    'Johanna',
    'Lorenz',
    'Security Engineer',
    'Security Operations',
    '19/3125',
    'DE',
  ),
  nestor: person(
    '29f8ec0a-e39f-4edd-b2f0-afd301b08209',
    'Nestor',
    'Wilke',
    'Director',
    'Operations',
    '36/2121',
    'US',
  ),
  miriam: person(
    '3a09fd1b-f4a0-4fee-83a1-b0e412c1930a',
    'Miriam',
    'Graham',
    'Service Desk Agent',
    'IT',
    '131/2103',
    'US',
  ),
  lee: person(
    '4b1a0e2c-05b1-4f0f-94b2-c1f523d2a41b',
    'Lee',
    'Gu',
    'SOC Analyst',
    'Security Operations',
    '19/3126',
    'US',
  ),
} as const;
