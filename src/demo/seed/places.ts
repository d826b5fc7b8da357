/**
 * Where the demo tenant's people work and travel, and where its attackers come from, with coordinates and
 * the UTC offsets used to give sign-ins believable local working hours. Also the IP addresses seen from each.
 * Every IP address is from a range reserved for documentation or benchmarking (RFC 5737 192.0.2.0/24,
 * 198.51.100.0/24, 203.0.113.0/24; RFC 2544 198.18.0.0/15; RFC 3849 2001:db8::/32), so no real network
 * is ever named as an attacker. Data only; never used outside the demo tenant.
 */
import type { DemoPlace } from '../demo-tenant-state.js';
import type { SeededRandom } from './seeded-random.js';

/** A Contoso office: where people sit, its corporate egress IPs and local conventions. */
export interface Office {
  key: string;
  place: DemoPlace;
  /** Relative head count. */
  weight: number;
  /** Corporate egress addresses (NAT) everyone in the office signs in from. */
  egressIps: readonly string[];
  /** Phone number prefix of a fictional range; two digits are appended. */
  phonePrefix: string;
  preferredLanguage: string;
}

function place(
  city: string,
  state: string,
  countryOrRegion: string,
  latitude: number,
  longitude: number,
  utcOffsetHours: number,
): DemoPlace {
  return { city, state, countryOrRegion, latitude, longitude, utcOffsetHours };
}

export const OFFICES: readonly Office[] = [
  {
    key: 'seattle',
    place: place('Seattle', 'Washington', 'US', 47.6062, -122.3321, -8),
    weight: 34,
    egressIps: ['203.0.113.24', '203.0.113.25', '203.0.113.26'],
    phonePrefix: '+1 206 555 01',
    preferredLanguage: 'en-US',
  },
  {
    key: 'redmond',
    place: place('Redmond', 'Washington', 'US', 47.674, -122.1215, -8),
    weight: 20,
    egressIps: ['203.0.113.40', '203.0.113.41'],
    phonePrefix: '+1 425 555 01',
    preferredLanguage: 'en-US',
  },
  {
    key: 'new-york',
    place: place('New York', 'New York', 'US', 40.7128, -74.006, -5),
    weight: 12,
    egressIps: ['203.0.113.70', '203.0.113.71'],
    phonePrefix: '+1 212 555 01',
    preferredLanguage: 'en-US',
  },
  {
    key: 'chicago',
    place: place('Chicago', 'Illinois', 'US', 41.8781, -87.6298, -6),
    weight: 10,
    egressIps: ['203.0.113.100', '203.0.113.101'],
    phonePrefix: '+1 312 555 01',
    preferredLanguage: 'en-US',
  },
  {
    key: 'toronto',
    place: place('Toronto', 'Ontario', 'CA', 43.6532, -79.3832, -5),
    weight: 5,
    egressIps: ['203.0.113.190'],
    phonePrefix: '+1 416 555 01',
    preferredLanguage: 'en-CA',
  },
  {
    key: 'london',
    place: place('London', 'England', 'GB', 51.5072, -0.1276, 0),
    weight: 10,
    egressIps: ['203.0.113.130', '203.0.113.131'],
    phonePrefix: '+44 20 7946 00',
    preferredLanguage: 'en-GB',
  },
  {
    key: 'munich',
    place: place('Munich', 'Bavaria', 'DE', 48.1351, 11.582, 1),
    weight: 9,
    egressIps: ['203.0.113.160', '203.0.113.161'],
    phonePrefix: '+49 89 5550 00',
    preferredLanguage: 'de-DE',
  },
];

/** The office every named person (story people and the SOC team) works in, by key. */
export function officeByKey(key: string): Office {
  const office = OFFICES.find((o) => o.key === key);
  if (office === undefined) throw new RangeError(`unknown office '${key}'`);
  return office;
}

/** Places staff travel to: business trips and conferences. */
export const TRAVEL_PLACES: readonly DemoPlace[] = [
  place('San Francisco', 'California', 'US', 37.7749, -122.4194, -8),
  place('Austin', 'Texas', 'US', 30.2672, -97.7431, -6),
  place('Boston', 'Massachusetts', 'US', 42.3601, -71.0589, -5),
  place('Portland', 'Oregon', 'US', 45.5152, -122.6784, -8),
  place('Denver', 'Colorado', 'US', 39.7392, -104.9903, -7),
  place('Dublin', 'Dublin', 'IE', 53.3498, -6.2603, 0),
  place('Paris', 'Ile-de-France', 'FR', 48.8566, 2.3522, 1),
  place('Singapore', 'Singapore', 'SG', 1.3521, 103.8198, 8),
  place('Tokyo', 'Tokyo', 'JP', 35.6762, 139.6503, 9),
  place('Sydney', 'New South Wales', 'AU', -33.8688, 151.2093, 10),
];

/** Where hostile sign-ins come from (anonymizers, VPS providers, botnets). */
export const HOSTILE_PLACES = {
  bucharest: place('Bucharest', 'Bucuresti', 'RO', 44.4268, 26.1025, 2),
  amsterdam: place('Amsterdam', 'Noord-Holland', 'NL', 52.3676, 4.9041, 1),
  frankfurt: place('Frankfurt am Main', 'Hessen', 'DE', 50.1109, 8.6821, 1),
  panama: place('Panama City', 'Panama', 'PA', 8.9824, -79.5199, -5),
  hoChiMinh: place('Ho Chi Minh City', 'Ho Chi Minh', 'VN', 10.8231, 106.6297, 7),
  lagos: place('Lagos', 'Lagos', 'NG', 6.5244, 3.3792, 1),
  saoPaulo: place('Sao Paulo', 'Sao Paulo', 'BR', -23.5505, -46.6333, -3),
} as const;

/** Hostile addresses: each one is in TEST-NET-1 (192.0.2.0/24). */
export const HOSTILE_IPS = {
  /** The password-spray source that found Adele's password. */
  spraySource: '192.0.2.45',
  /** The Tor exit node the attacker signed in to Adele's mailbox from. */
  torExit: '192.0.2.66',
  /** More anonymizer/VPS/botnet addresses for background detections. */
  others: [
    '192.0.2.101',
    '192.0.2.117',
    '192.0.2.130',
    '192.0.2.149',
    '192.0.2.188',
    '192.0.2.203',
    '192.0.2.221',
  ],
} as const;

/** A home broadband address (198.51.100.0/24). */
export function residentialIp(random: SeededRandom): string {
  return `198.51.100.${random.int(2, 254)}`;
}

/** A mobile carrier address (198.18.0.0/15). */
export function mobileIp(random: SeededRandom): string {
  return `198.${random.int(18, 19)}.${random.int(0, 255)}.${random.int(1, 254)}`;
}

/** An IPv6 address (2001:db8::/32), as many carriers hand out. */
export function ipv6Address(random: SeededRandom): string {
  return `2001:db8:${random.hex(4)}:${random.hex(4)}:${random.hex(4)}:${random.hex(4)}:${random.hex(4)}:${random.hex(4)}`.replace(
    /:0{1,3}/g,
    ':',
  );
}

/** The place with its coordinates jittered a little (different neighbourhoods, ISP geolocation noise). */
export function near(random: SeededRandom, where: DemoPlace): DemoPlace {
  const jitter = () => Math.round((random.next() - 0.5) * 0.2 * 10_000) / 10_000;
  return {
    ...where,
    latitude: Math.round((where.latitude + jitter()) * 10_000) / 10_000,
    longitude: Math.round((where.longitude + jitter()) * 10_000) / 10_000,
  };
}
