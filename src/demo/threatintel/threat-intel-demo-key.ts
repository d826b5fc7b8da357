/**
 * The API key the demo tenant's threat-intelligence service accepts (`x-apikey`), like the demo ServiceNow's
 * account: public on purpose, good only against the demo tenant on loopback. Ward uses it in demo mode.
 */

/** The demo tenant's VirusTotal-style API key. */
export const THREAT_INTEL_DEMO_API_KEY = 'ward-demo-threat-intel-key';
