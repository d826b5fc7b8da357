/**
 * Secret redaction: every realistic credential format an alert, a log line or a pasted config can carry is
 * replaced by a `[redacted …]` marker, and ordinary SOC text (people, IPs, hashes, ids, KQL) comes back exactly
 * as it went in. All values below are made up.
 *
 * Decisions, where the two goals meet:
 * - A KQL predicate that names a secret field (`where Password has "x"`, `has "password="`) is a query, not a
 *   credential: it stays as written. An assignment (`password=…`, `password: …`) is redacted wherever it is.
 * - A `password:` label followed by a word ("Password: never expires") is redacted too: Ward cannot tell a
 *   label from a YAML secret, and repeating a secret is worse than hiding a word.
 */
import { describe, expect, it } from 'vitest';
import { redactDeep, redactSecrets } from '../../../src/core/redact-secrets.js';

const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ik1uQ19WWmNBVGZNNXBPWWlKSE1iYTlnb0VLWSJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20iLCJvaWQiOiI2ZTdiNzY4ZSIsInVwbiI6ImFkZWxlLnZhbmNlQGNvbnRvc28uY29tIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2lnbmF0dXJl';

const RSA_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

interface SecretCase {
  format: string;
  text: string;
  /** What must not survive. */
  secret: string;
  /** The exact result, where the shape around the secret matters. */
  expected?: string;
}

const secrets: SecretCase[] = [
  {
    format: 'a JWT access token',
    text: `token issued: ${JWT} for Graph`,
    secret: JWT,
    expected: 'token issued: [redacted token] for Graph',
  },
  {
    format: 'an Authorization: Bearer header with an opaque token',
    text: 'Authorization: Bearer 0.AXoAv4j5cvGGr0GRqy180BHbRz9mN2k1',
    secret: '0.AXoAv4j5cvGGr0GRqy180BHbRz9mN2k1',
    expected: 'Authorization: Bearer [redacted]',
  },
  {
    format: 'an Authorization: Basic header',
    text: 'Authorization: Basic YWRlbGU6UEBzc3cwcmQxMjM=',
    secret: 'YWRlbGU6UEBzc3cwcmQxMjM=',
    expected: 'Authorization: Basic [redacted]',
  },
  {
    format: 'a token= assignment holding a JWT (redacted once, not twice)',
    text: `token=${JWT}`,
    secret: JWT,
    expected: 'token=[redacted token]',
  },
  {
    // Connection strings allow "&" in a Password= value, so the rest of a query string goes with it.
    format: 'password= in a query string',
    text: 'POST /login user=adele&password=Winter2026!&remember=1',
    secret: 'Winter2026!',
    expected: 'POST /login user=adele&password=[redacted]',
  },
  {
    format: 'pass= in a form body',
    text: 'user=alice&pass=hunter22&next=/home',
    secret: 'hunter22',
    expected: 'user=alice&pass=[redacted]&next=/home',
  },
  {
    format: 'a password: line in YAML',
    text: 'smtp:\n  user: alerts@contoso.com\n  password: Sp1cyR4men!',
    secret: 'Sp1cyR4men!',
    expected: 'smtp:\n  user: alerts@contoso.com\n  password: [redacted]',
  },
  {
    format: '"client_secret": "…" in JSON (still JSON afterwards)',
    text: '{"client_id":"0c1d2e3f","client_secret": "q7Z8Q~notARealSecretValue"}',
    secret: 'notARealSecretValue',
    expected: '{"client_id":"0c1d2e3f","client_secret": "[redacted]"}',
  },
  {
    format: '"password": "…" with spaces in JSON',
    text: '{"password":"correct horse battery staple"}',
    secret: 'correct horse battery staple',
    expected: '{"password":"[redacted]"}',
  },
  {
    format: "clientSecret: '…' in camelCase config",
    text: "clientSecret: 'p4ss-w0rd-value'",
    secret: 'p4ss-w0rd-value',
    expected: "clientSecret: '[redacted]'",
  },
  {
    format: 'an environment variable DB_PASSWORD=',
    text: 'env: DB_HOST=db01 DB_PASSWORD=correct-horse-battery DB_PORT=5432',
    secret: 'correct-horse-battery',
    expected: 'env: DB_HOST=db01 DB_PASSWORD=[redacted] DB_PORT=5432',
  },
  {
    format: 'AZURE_CLIENT_SECRET= in an environment dump',
    text: 'AZURE_CLIENT_SECRET=Xy5~abcdefghij.klmnop',
    secret: 'abcdefghij',
  },
  {
    format: 'an X-Api-Key header',
    text: 'curl -H "X-Api-Key: 3f9a8b7c6d5e4f3a2b1c" https://api.contoso.com',
    secret: '3f9a8b7c6d5e4f3a2b1c',
    expected: 'curl -H "X-Api-Key: [redacted]" https://api.contoso.com',
  },
  {
    format: 'refresh_token= in an OAuth form body',
    text: 'grant_type=refresh_token&refresh_token=0.ARoAv4j5cvGGr0GRqy180BHbR&client_id=abc',
    secret: '0.ARoAv4j5cvGGr0GRqy180BHbR',
    expected: 'grant_type=refresh_token&refresh_token=[redacted]&client_id=abc',
  },
  {
    format: 'an Azure Storage connection string AccountKey=',
    text: 'DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=Zm9vYmFyYmF6cXV4cXV1eGZvb2Jhcg==;EndpointSuffix=core.windows.net',
    secret: 'Zm9vYmFyYmF6cXV4cXV1eGZvb2Jhcg==',
    expected:
      'DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=[redacted];EndpointSuffix=core.windows.net',
  },
  {
    format: 'a SQL connection string Password=',
    text: 'Server=tcp:sql01.database.windows.net,1433;User ID=ward;Password=Tr0ub4dor&3;Encrypt=True',
    secret: 'Tr0ub4dor&3',
    expected: 'Server=tcp:sql01.database.windows.net,1433;User ID=ward;Password=[redacted];Encrypt=True',
  },
  {
    format: 'a Service Bus connection string SharedAccessKey=',
    text: 'Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=abcDEF123ghiJKL456mnoPQR789stuVWX0yz12345=',
    secret: 'abcDEF123ghiJKL456mnoPQR789stuVWX0yz12345=',
  },
  {
    format: 'a postgres URL with a password',
    text: 'DATABASE_URL postgres://ward:S3cr3t-P4ss@db.contoso.internal:5432/ward',
    secret: 'S3cr3t-P4ss',
    expected: 'DATABASE_URL postgres://ward:[redacted]@db.contoso.internal:5432/ward',
  },
  {
    format: 'a mongodb+srv URL with a password',
    text: 'mongodb+srv://admin:hunter22@cluster0.example.mongodb.net/test',
    secret: 'hunter22',
    expected: 'mongodb+srv://admin:[redacted]@cluster0.example.mongodb.net/test',
  },
  {
    format: 'an RSA private key block',
    text: `key file:\n${RSA_KEY}\nend of file`,
    secret: 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
    expected: 'key file:\n[redacted private key]\nend of file',
  },
  {
    format: 'an OpenSSH private key block',
    text: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----',
    secret: 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ',
    expected: '[redacted private key]',
  },
  {
    format: 'a PGP private key block',
    text: '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGV1c2VyAQgAxyz0123456789\n-----END PGP PRIVATE KEY BLOCK-----',
    secret: 'lQOYBGV1c2VyAQgAxyz0123456789',
    expected: '[redacted private key]',
  },
  {
    format: 'a private key cut off before its END line',
    text: 'alert field: -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oXzTeIePEOgDoAoGCCqGSM49',
    secret: 'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oXzTeIePEOgDoAoGCCqGSM49',
    expected: 'alert field: [redacted private key]',
  },
  {
    format: 'an AWS access key id',
    text: 'aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE',
    secret: 'AKIAIOSFODNN7EXAMPLE',
    expected: 'aws configure set aws_access_key_id [redacted key]',
  },
  {
    format: 'an AWS secret access key in a credentials file',
    text: '[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    expected: '[default]\naws_secret_access_key = [redacted]',
  },
  {
    format: 'a GitHub personal access token (ghp_)',
    text: 'git clone https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com/contoso/infra.git',
    secret: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  },
  {
    format: 'a GitHub fine-grained token (github_pat_)',
    text: 'GITHUB_TOKEN github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456',
    secret: 'abcdefghijklmnopqrstuvwxyz',
  },
  {
    format: 'an Azure SAS URL sig=',
    text: 'https://contoso.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&sp=r&se=2026-12-01T00:00:00Z&sig=Zm9vYmFyYmF6JTJCcXV4JTNEZm9v',
    secret: 'Zm9vYmFyYmF6JTJCcXV4JTNEZm9v',
    expected:
      'https://contoso.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&sp=r&se=2026-12-01T00:00:00Z&sig=[redacted]',
  },
  {
    format: 'a Slack bot token (xoxb-)',
    text: 'SLACK_BOT xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
    secret: 'AbCdEfGhIjKlMnOpQrStUvWx',
    expected: 'SLACK_BOT [redacted token]',
  },
  {
    format: 'a Slack user token (xoxp-)',
    text: 'xoxp-123456789012-123456789012-1234567890123-0123456789abcdef0123456789abcdef',
    secret: '0123456789abcdef0123456789abcdef',
  },
  {
    format: 'a Slack app token (xoxa-)',
    text: 'xoxa-2-123456789012-abcdefABCDEF',
    secret: 'abcdefABCDEF',
  },
  {
    format: 'a Slack incoming webhook URL',
    text: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    secret: 'XXXXXXXXXXXXXXXXXXXXXXXX',
    expected: 'https://hooks.slack.com/services/[redacted]',
  },
  {
    format: 'an Entra app client secret value on its own',
    text: 'new secret for app registration: Xy58Q~abcdefghijklmnopqrstuvwxyz0123456 (expires 2027)',
    secret: 'abcdefghijklmnopqrstuvwxyz0123456',
    expected: 'new secret for app registration: [redacted secret] (expires 2027)',
  },
  {
    format: 'a --password command-line flag',
    text: 'az login --service-principal -u 0c1d2e3f --password hunter2pass --tenant contoso.onmicrosoft.com',
    secret: 'hunter2pass',
    expected:
      'az login --service-principal -u 0c1d2e3f --password [redacted] --tenant contoso.onmicrosoft.com',
  },
  {
    format: 'a PowerShell ConvertTo-SecureString literal',
    text: `$p = ConvertTo-SecureString 'P@ssw0rd!2026' -AsPlainText -Force`,
    secret: 'P@ssw0rd!2026',
    expected: `$p = ConvertTo-SecureString '[redacted]' -AsPlainText -Force`,
  },
  {
    format: 'an ESTSAUTHPERSISTENT session cookie (AiTM token theft)',
    text: 'Cookie: ESTSAUTHPERSISTENT=0.AQ8Aabcdefghijklmnopqrstuvwxyz; path=/',
    secret: '0.AQ8Aabcdefghijklmnopqrstuvwxyz',
    expected: 'Cookie: ESTSAUTHPERSISTENT=[redacted]; path=/',
  },
  {
    format: 'a Google API key',
    text: 'maps key AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
    secret: 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
  },
  {
    format: 'an npm token',
    text: '//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789',
    secret: 'abcdefghijklmnopqrstuvwxyz0123456789',
  },
  {
    format: 'a Stripe live secret key',
    text: 'STRIPE sk_live_51Habcdefghijklmnopqrstuv',
    secret: 'sk_live_51Habcdefghijklmnopqrstuv',
  },
];

/** Ordinary SOC text: every one must come back unchanged. */
const ordinary: string[] = [
  'Adele Vance (adele.vance@contoso.com) signed in from 185.220.101.4 in Frankfurt, Germany.',
  'Sign-in from 2001:db8:85a3::8a2e:370:7334 and fe80::1%eth0 blocked by Conditional Access.',
  'SHA-256 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f seen on DESKTOP-ADELE01.',
  'SHA-1 3395856ce81f2b7382dee72602f798b642f14140, MD5 44d88612fea8a8f36de82e1278abb02f.',
  'User object id 6e7b768e-07e2-4810-8459-485f84f8f204, tenant 72f988bf-86f1-41af-91ab-2d7cd011db47.',
  'SigninLogs | where ResultType == 50126 | summarize Failures = count() by IPAddress, bin(TimeGenerated, 1h)',
  'IdentityLogonEvents | where Password has "x"',
  'DeviceProcessEvents | where ProcessCommandLine has "password=" and FileName =~ "net.exe"',
  'AADSignInEventsBeta | where ErrorCode == 50053 and AccountUpn =~ "megan.bowen@contoso.com"',
  'Password spray: the account was hit by a password spray attack and a guess succeeded.',
  'Reset the password and revoke all sessions; require a change at next sign-in.',
  'Error 50126: Invalid username or password or Invalid on-premise username or password.',
  'Token issuer anomaly: the SAML token issuer may be compromised.',
  'tokenIssuerType: AzureAD; riskEventTypes_v2: ["unfamiliarFeatures"]; passwordSpray: 2',
  'pwdLastSet: 133782912000000000; passwordLastChanged: 2026-11-20',
  "GET /v1.0/auditLogs/signIns?$filter=userId eq '6e7b768e-07e2-4810-8459-485f84f8f204' and createdDateTime ge 2026-11-21T15:00:00.000Z&$top=100",
  'POST https://login.microsoftonline.com/common/oauth2/v2.0/token returned AADSTS700016.',
  'Basic authentication (legacy) was used by Exchange ActiveSync.',
  'Bearer tokens are validated by the API gateway.',
  'powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\temp\\collect.ps1',
  'SID S-1-5-21-3623811015-3361044348-30300820-1013 added to Domain Admins.',
  'Consent granted to "Mail.Read offline_access" for app 00000003-0000-0000-c000-000000000000.',
  'The secret scanning alert was closed as a false positive; max_tokens: 1500.',
  'AKIA1234 is too short to be an AWS key; so is ghp_short.',
  'https://contoso.sharepoint.com/sites/SOC/Shared%20Documents/runbook.docx?web=1',
  'Risk detail: adminConfirmedSigninSafe; risk level: none; bypass: disabled.',
  'CVE-2024-3400 on fw01.contoso.com (10.0.0.1), incident 4211, INC0012345.',
];

describe('redactSecrets', () => {
  it('covers at least 25 secret formats', () => {
    expect(secrets.length).toBeGreaterThanOrEqual(25);
  });

  describe.each(secrets)('$format', ({ text, secret, expected }) => {
    it('is redacted', () => {
      const redacted = redactSecrets(text);
      expect(redacted).not.toContain(secret);
      expect(redacted).toContain('[redacted');
      if (expected !== undefined) expect(redacted).toBe(expected);
    });

    it('stays the same when redacted again', () => {
      const once = redactSecrets(text);
      expect(redactSecrets(once)).toBe(once);
    });
  });

  it.each(ordinary)('leaves ordinary SOC text unchanged: %s', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('keeps JSON parseable after redacting a value in it', () => {
    const redacted = redactSecrets(
      '{"tenant":"contoso","client_secret":"abc123def456","scopes":["User.Read"]}',
    );
    expect(JSON.parse(redacted)).toEqual({
      tenant: 'contoso',
      client_secret: '[redacted]',
      scopes: ['User.Read'],
    });
  });

  it('redacts every secret in a line that carries several', () => {
    const line = `net use \\\\fs01\\c$ /user:contoso\\svc Password=Autumn2026; curl -H "Authorization: Bearer ${JWT}" AKIAIOSFODNN7EXAMPLE`;
    expect(redactSecrets(line)).toBe(
      'net use \\\\fs01\\c$ /user:contoso\\svc Password=[redacted]; curl -H "Authorization: Bearer [redacted token]" [redacted key]',
    );
  });

  it('hides the word after a "Password:" label rather than risk repeating a secret', () => {
    expect(redactSecrets('Password: never expires')).toBe('Password: [redacted] expires');
  });
});

describe('redactDeep', () => {
  it('redacts every string inside objects and arrays and leaves other values alone', () => {
    const value = {
      summary: 'password=Winter2026!',
      count: 3,
      ok: true,
      missing: null,
      rows: [['AKIAIOSFODNN7EXAMPLE', 'adele.vance@contoso.com']],
      nested: { detail: `Bearer ${JWT}` },
    };
    expect(redactDeep(value)).toEqual({
      summary: 'password=[redacted]',
      count: 3,
      ok: true,
      missing: null,
      rows: [['[redacted key]', 'adele.vance@contoso.com']],
      nested: { detail: 'Bearer [redacted token]' },
    });
    expect(value.summary).toBe('password=Winter2026!');
  });
});
