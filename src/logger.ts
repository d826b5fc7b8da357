/**
 * The process logger (pino, JSON lines). Secrets never reach it: credentials, tokens and passwords are
 * redacted by path, and request bodies are not logged.
 */
import { type Logger, pino } from 'pino';

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ward' },
      redact: {
        paths: [
          '*.password',
          '*.BOT_PASSWORD',
          '*.clientSecret',
          '*.AZURE_CLIENT_SECRET',
          '*.authorization',
          '*.Authorization',
          'headers.authorization',
          '*.headers.authorization',
          '*.token',
          '*.accessToken',
          '*.apiKey',
          '*.THREAT_INTEL_API_KEY',
          '*.NVD_API_KEY',
          '*["x-apikey"]',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
