import { describe, expect, it } from 'vitest';
import { parseFeedbackReportCommand } from '../../../../src/core/feedback/parse-feedback-report-command.js';

describe('@Ward feedback report', () => {
  it.each([
    'feedback report',
    'Feedback report',
    '/feedback report',
    'show the feedback report',
    'Show me feedback report please',
    'feedback summary?',
    "ward's feedback report",
  ])('recognises "%s"', (text) => {
    expect(parseFeedbackReportCommand(text)).toBe(true);
  });

  it.each([
    'feedback',
    'report',
    'feedback on adele’s sign-ins',
    'is there a feedback report for incident 4211?',
    'send feedback report to megan',
  ])('does not take "%s" for the command', (text) => {
    expect(parseFeedbackReportCommand(text)).toBe(false);
  });
});
