/**
 * Incident 4211, Defender XDR's view of Adele Vance's story: Entra ID Protection's password spray
 * (192.0.2.45), anonymous IP (the Tor exit 192.0.2.66) and atypical travel alerts, then Defender for
 * Endpoint catching a hidden PowerShell with an encoded download-and-run command on DESKTOP-ADELE01 twelve
 * minutes ago. Severity high, status active, unassigned.
 * It never touches anyone but Adele and her desktop; its evidence repeats what her sign-ins already say.
 */
import type { DemoSecurityAlert, DemoSecurityIncident } from '../state/security-incident.js';
import { ALERT_TEMPLATES } from './alert-catalog.js';
import {
  alertId,
  buildSecurityAlert,
  buildSecurityIncident,
  deviceEvidence,
  type EndpointDevice,
  ipEvidence,
  processEvidence,
  urlEvidence,
  userEvidence,
} from './build-security-alert.js';
import { ENCODED_COMMAND_LINE, STAGER_IP, STAGER_URL } from './encoded-powershell.js';
import { DEMO_TENANT_ID, STORY_PEOPLE } from './people.js';
import { HOSTILE_IPS, officeByKey } from './places.js';
import { personById, type SeedContext } from './seed-context.js';
import { NAMED_DEVICE_IDS } from './seed-devices.js';
import { STORY_TIMELINE, TIME } from './story-timeline.js';

/** The incident's id, as the stories call it. */
export const ADELE_INCIDENT_ID = '4211';
/** Its name, in Defender's words. */
export const ADELE_INCIDENT_NAME =
  'Multi-stage incident involving Initial access & Credential access on one endpoint';
/** Defender for Endpoint's id of DESKTOP-ADELE01. */
export const ADELE_DESKTOP_MDE_ID = '8f3a61c2d4e5b7a9c0d1e2f3a4b5c6d7e8f90a12';

/** Incident 4211 and its four alerts. */
export function seedAdeleIncident(context: SeedContext): {
  incident: DemoSecurityIncident;
  alerts: DemoSecurityAlert[];
} {
  const { random, anchorMs } = context;
  const t = STORY_TIMELINE.adele;
  const at = (agoMs: number) => anchorMs - agoMs;
  const adele = personById(context, STORY_PEOPLE.adele.id);
  const seattleIp = officeByKey('seattle').egressIps[0]!;
  const common = {
    incidentId: ADELE_INCIDENT_ID,
    tenantId: DEMO_TENANT_ID,
    status: 'new' as const,
    classification: 'unknown',
    determination: 'unknown',
    assignedTo: null,
    resolvedAt: null,
  };
  const id = (serviceSource: string) => alertId(random, serviceSource);

  const spray = buildSecurityAlert(id(ALERT_TEMPLATES.passwordSpray.serviceSource), {
    ...common,
    template: ALERT_TEMPLATES.passwordSpray,
    firstActivityAt: at(t.sprayStart),
    lastActivityAt: at(t.sprayEnd),
    createdAt: at(t.sprayDetected),
    lastUpdateAt: at(t.sprayDetected),
    description: `A password spray from ${HOSTILE_IPS.spraySource} tried one password against about 45 accounts in fourteen minutes; Adele Vance's password was right (multifactor authentication stopped that sign-in).`,
    evidence: [
      userEvidence(adele, at(t.sprayDetected)),
      ipEvidence(HOSTILE_IPS.spraySource, 'RO', at(t.sprayDetected)),
    ],
  });
  const anonymous = buildSecurityAlert(id(ALERT_TEMPLATES.anonymousIp.serviceSource), {
    ...common,
    template: ALERT_TEMPLATES.anonymousIp,
    firstActivityAt: at(t.deniedPushes[0]),
    lastActivityAt: at(t.torMailbox),
    createdAt: at(t.torSignIn),
    lastUpdateAt: at(t.torMailbox),
    evidence: [userEvidence(adele, at(t.torSignIn)), ipEvidence(HOSTILE_IPS.torExit, 'NL', at(t.torSignIn))],
  });
  const travel = buildSecurityAlert(id(ALERT_TEMPLATES.atypicalTravel.serviceSource), {
    ...common,
    template: ALERT_TEMPLATES.atypicalTravel,
    firstActivityAt: at(t.seattleSignIn),
    lastActivityAt: at(t.torSignIn),
    createdAt: at(t.travelDetected),
    lastUpdateAt: at(t.travelDetected),
    description:
      'Adele Vance signed in from Seattle, US, and 45 minutes later from Amsterdam, NL (an anonymizing network): faster than anyone can travel between them.',
    evidence: [
      userEvidence(adele, at(t.travelDetected)),
      ipEvidence(HOSTILE_IPS.torExit, 'NL', at(t.travelDetected)),
      ipEvidence(seattleIp, 'US', at(t.travelDetected), ['contextual']),
    ],
  });

  const desktop: EndpointDevice = {
    mdeDeviceId: ADELE_DESKTOP_MDE_ID,
    azureAdDeviceId: NAMED_DEVICE_IDS.adeleDesktop,
    deviceDnsName: 'desktop-adele01',
    osBuild: 22631,
    ipInterfaces: ['10.20.14.37'],
    firstSeenAt: anchorMs - 402 * TIME.DAY,
    riskScore: 'high',
    loggedOn: adele,
  };
  const detected = at(t.powerShellDetected);
  const powershell = buildSecurityAlert(id(ALERT_TEMPLATES.encodedPowerShell.serviceSource), {
    ...common,
    template: ALERT_TEMPLATES.encodedPowerShell,
    firstActivityAt: at(t.encodedPowerShell),
    lastActivityAt: at(t.encodedPowerShell),
    createdAt: detected,
    lastUpdateAt: detected,
    description:
      'A hidden PowerShell with an encoded command ran on DESKTOP-ADELE01 as Adele Vance, started by explorer.exe (a shortcut opened from the Downloads folder). It downloads a script from an external site and runs it in memory.',
    evidence: [
      deviceEvidence(desktop, detected),
      processEvidence(
        {
          processId: 7412,
          parentProcessId: 5128,
          commandLine: ENCODED_COMMAND_LINE,
          createdAt: at(t.encodedPowerShell),
          parentCreatedAt: at(t.seattleSignIn + 2 * TIME.MINUTE),
          mdeDeviceId: ADELE_DESKTOP_MDE_ID,
          imageFile: {
            sha1: random.hex(40),
            sha256: random.hex(64),
            fileName: 'powershell.exe',
            filePath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0',
            fileSize: 450_560,
            filePublisher: 'Microsoft Corporation',
            signer: 'Microsoft Windows',
            issuer: 'Microsoft Windows Production PCA 2011',
          },
          parentImageFile: {
            sha1: random.hex(40),
            sha256: random.hex(64),
            fileName: 'explorer.exe',
            filePath: 'C:\\Windows',
            fileSize: 5_271_112,
            filePublisher: 'Microsoft Corporation',
            signer: 'Microsoft Windows',
            issuer: 'Microsoft Windows Production PCA 2011',
          },
          account: adele,
        },
        detected,
      ),
      userEvidence(adele, detected),
      urlEvidence(STAGER_URL, detected),
      ipEvidence(STAGER_IP, null, detected),
    ],
  });

  const alerts = [powershell, travel, anonymous, spray];
  const incident = buildSecurityIncident(
    {
      id: ADELE_INCIDENT_ID,
      tenantId: DEMO_TENANT_ID,
      status: 'active',
      classification: 'unknown',
      determination: 'unknown',
      assignedTo: null,
      displayName: ADELE_INCIDENT_NAME,
    },
    alerts,
  );
  return { incident, alerts };
}
