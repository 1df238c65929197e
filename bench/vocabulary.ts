/** Words the generated requirement files are made of: product areas, features, accounts, people. */

export const AREAS: readonly { name: string; prefix: string }[] = [
  { name: 'Checkout', prefix: 'CHK' },
  { name: 'Platform', prefix: 'PLT' },
  { name: 'Growth', prefix: 'GRW' },
  { name: 'Billing', prefix: 'BIL' },
  { name: 'Onboarding', prefix: 'ONB' },
  { name: 'Search', prefix: 'SRC' },
  { name: 'Reporting', prefix: 'RPT' },
  { name: 'Mobile', prefix: 'MOB' },
  { name: 'Integrations', prefix: 'INT' },
  { name: 'Security', prefix: 'SEC' },
  { name: 'Admin', prefix: 'ADM' },
  { name: 'Notifications', prefix: 'NTF' },
  { name: 'Payments', prefix: 'PAY' },
  { name: 'Catalog', prefix: 'CAT' },
  { name: 'Analytics', prefix: 'ANL' },
  { name: 'Collaboration', prefix: 'COL' },
  { name: 'Data Platform', prefix: 'DAT' },
  { name: 'Public API', prefix: 'API' },
  { name: 'Localization', prefix: 'L10N' },
  { name: 'Accessibility', prefix: 'A11Y' },
];

export const TOPICS = ['core', 'enterprise', 'self-serve', 'pricing', 'compliance', 'performance', 'ux', 'partners', 'migration', 'experiments'];

export const VERBS = [
  'Export', 'Import', 'Schedule', 'Approve', 'Share', 'Filter', 'Bulk-edit', 'Archive', 'Restore', 'Preview',
  'Sync', 'Audit', 'Customize', 'Localize', 'Sign', 'Reconcile', 'Forecast', 'Tag', 'Merge', 'Split',
];

export const OBJECTS = [
  'invoices', 'purchase orders', 'saved carts', 'user roles', 'dashboards', 'price lists', 'refunds', 'payouts',
  'customer segments', 'API keys', 'webhooks', 'audit logs', 'product bundles', 'shipping rules', 'tax rates',
  'team workspaces', 'usage reports', 'subscription plans', 'discount codes', 'support macros', 'data exports',
  'SSO connections', 'approval chains', 'email templates', 'mobile receipts', 'search synonyms', 'translations',
];

export const QUALIFIERS = [
  '', '', '', '', 'in bulk', 'per customer', 'across workspaces', 'by region', 'for enterprise accounts',
  'on mobile', 'without admin rights', 'with an audit trail', 'in real time', 'on a schedule', 'as PDF',
  'from the CLI', 'with keyboard only', 'in German and French', 'for resellers', 'before month end',
];

export const PROBLEM_SENTENCES = [
  'Finance teams close the books by hand because the numbers never match the bank statement.',
  'Admins at larger customers spend a day a month copying settings between workspaces.',
  'Buyers abandon the flow when they cannot pay the way their company requires.',
  'Support answers the same question dozens of times a week because the screen does not explain itself.',
  'Procurement will not sign without a record of who changed what and when.',
  'Field teams work offline most of the day and lose their changes when they reconnect.',
  'Customers in regulated industries must keep their data inside the EU.',
  'Resellers cannot see their own customers, so they phone our support for every change.',
  'People who use a screen reader cannot finish the task without help.',
  'Operations leads export everything to spreadsheets to answer simple questions.',
  'Large accounts hit the limit in the first week and open tickets until it is raised.',
  'New users do not find the setting and assume the product cannot do it.',
];

/** Account names in the evidence: a few hundred, a few of them everywhere (the squeaky wheels). */
const ACCOUNT_STEMS = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Vandelay', 'Hooli', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne',
  'Soylent', 'Wonka', 'Gringotts', 'Oceanic', 'Massive Dynamic', 'Aperture', 'Black Mesa', 'Monarch', 'Dunder Mifflin', 'Pied Piper',
  'Nakatomi', 'Zorg', 'Virtucon', 'Gekko', 'Bluth', 'Sterling Cooper', 'Prestige Worldwide', 'Strickland', 'Krusty', 'Duff',
  'Blue Sun', 'Weyland', 'Rekall', 'Omni', 'Spacely', 'Cogswell', 'Ollivander', 'Nordwind', 'Alpenblick', 'Rheinhafen',
];
const ACCOUNT_SUFFIXES = ['GmbH', 'AG', 'Inc', 'Ltd', 'Corp', 'SA', 'BV', 'Group', 'Holding', 'Logistics', 'Retail', 'Health', 'Bank', 'Energy', 'Labs'];

export function accountPool(size: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < size; i++) {
    const stem = ACCOUNT_STEMS[i % ACCOUNT_STEMS.length];
    const suffix = ACCOUNT_SUFFIXES[Math.floor(i / ACCOUNT_STEMS.length) % ACCOUNT_SUFFIXES.length];
    out.push(`${stem} ${suffix}`);
  }
  return out;
}

export const OWNERS = Array.from(
  { length: 40 },
  (_, i) => `${['dana', 'sam', 'lee', 'kim', 'alex', 'noor', 'jo', 'mika', 'ravi', 'ines'][i % 10]}${i < 10 ? '' : i}@example.com`,
);

export const SEGMENTS = ['smb', 'mid-market', 'enterprise', 'dach', 'nordics', 'us', 'uk', 'public-sector', 'healthcare', 'retail'];

export const PERSONS = ['Head of Finance', 'IT Admin', 'Controller', 'Ops Lead', 'CTO', 'Store Manager', 'Procurement Lead', 'Support Lead'];
export const METRICS = ['checkout-abandonment-rate', 'weekly-active-admins', 'export-jobs-per-account', 'time-to-first-value-days', 'ticket-deflection-rate', 'search-zero-results-rate'];
export const SOURCES = ['Gartner Market Guide 2026', 'Forrester Wave Q2', 'Internal market sizing', 'Customer advisory board', 'Product forum thread', 'G2 reviews', 'User group Berlin', 'IDC survey'];
export const COMPETITORS = ['Paymentor', 'Stackly', 'Quotient', 'Ledgerly', 'Brightbill', 'Orderloop'];
export const NOTES = [
  'Came up unprompted in the first five minutes.',
  'Blocker for the renewal, says the account manager.',
  'Same pain as last quarter, now louder.',
  'Asked whether it is on the roadmap; no promise made.',
  'Workaround today is a spreadsheet.',
  'Mentioned by three people in the room.',
];
export const REQUIREMENT_COMMENTS = [
  '# From the customer advisory board.',
  '# Split out of a larger request; see the parent for context.',
  '# Revisit after the pricing change.',
  '# Legal asked us to track this one.',
  '# Sales keeps asking; evidence below is what we could verify.',
  '# TODO: add the usage numbers from the last quarter.',
];
export const WAIVER_REASONS = [
  'Required by the SOC 2 audit for every customer.',
  'Regulatory deadline for all customers in the EU.',
  'Contractual commitment signed before the evidence policy.',
  'Security fix; the market evidence is the incident itself.',
];
export const IGNORE_REASONS = ['strategic logo, agreed with sales leadership', 'pilot customer, reviewed in the quarterly planning', 'tracked in the partner program instead'];
