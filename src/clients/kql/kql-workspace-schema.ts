/**
 * The schema a KQL query is checked against: a workspace's tables and their typed columns. Ward's Sentinel
 * workspace schema is the demo tenant's seeded schema (the tables and columns Azure Monitor documents), so a
 * query that validates here names real tables and columns in a real workspace too.
 * Data only; it never parses or runs queries.
 */
import { LOG_ANALYTICS_TABLES } from '../log-analytics-schema.js';

/** One column: its name and KQL type (`string`, `datetime`, `long`, `dynamic`, ...). */
export interface KqlColumn {
  readonly name: string;
  readonly type: string;
}

/** A database (workspace) schema: table name → columns in order. */
export interface KqlWorkspaceSchema {
  readonly name: string;
  readonly tables: Readonly<Record<string, readonly KqlColumn[]>>;
}

/** The Microsoft Sentinel workspace schema Ward's queries are validated against. */
export const SENTINEL_WORKSPACE_SCHEMA: KqlWorkspaceSchema = {
  name: 'sentinel',
  tables: LOG_ANALYTICS_TABLES,
};
