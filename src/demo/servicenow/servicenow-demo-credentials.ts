/**
 * The demo ServiceNow instance's one API account. Not a secret: it is documented so that anyone can point a
 * ServiceNow client (Ward's, curl, Postman) at the demo tenant. Anything else gets 401, as ServiceNow answers.
 * Never used outside the demo tenant and its tests.
 */

/** Basic-auth user name and password of the demo instance (user `ward-demo`, role itil). */
export const SERVICENOW_DEMO_CREDENTIALS = {
  username: 'ward-demo',
  password: 'ward-demo-password',
} as const;
