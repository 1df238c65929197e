/** What the suite knows about the copy of examples/ it opens. */

/** The examples' findings as `inbound check examples --today 2026-11-23` reports them. */
export const EXAMPLE_FINDINGS: Record<string, string[]> = {
  'checkout.req.yaml': ['roadmap-gate 43:13-43:20', 'single-deal 45:5-45:13', 'sales-only 55:5-55:13'],
  'platform.req.yaml': ['single-deal 27:5-27:13'],
  'growth/onboarding.req.yaml': ['stale-evidence 16:15-16:25', 'roadmap-gate 24:13-24:20', 'sales-only 27:5-27:13', 'no-evidence 39:9-39:15'],
  // The survey dated after today is silenced by an inbound-ignore comment, so no future-evidence.
  'growth/reporting.req.yml': ['roadmap-gate 22:13-22:24', 'unknown-reference 24:25-24:30', 'single-deal 25:5-25:13', 'duplicate-evidence 33:15-33:23'],
};
