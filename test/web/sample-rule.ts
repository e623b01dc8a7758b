import type { Rule } from '../../src/catalog/rule.js';
import type { RuleSummary } from '../../src/store/catalog-store.js';

/** A complete rule, built by hand; tests override the fields they care about. */
export function sampleRule(overrides: Partial<Rule> = {}): Rule {
  return {
    id: 'r-0001',
    upstreamId: '11111111-2222-3333-4444-555555555555',
    name: 'Sample rule',
    description: 'Finds a sample thing.',
    format: 'sentinel',
    language: 'kql',
    query: 'DeviceNetworkEvents\n| where Timestamp > ago(1d)',
    kind: 'hunting',
    severity: 'medium',
    severityInferred: true,
    status: null,
    dataSources: ['DeviceNetworkEvents'],
    tags: ['hunting', 'microsoft', 'official'],
    authors: ['Someone'],
    created: '2024-01-02',
    modified: null,
    references: [],
    falsePositives: [],
    path: 'Hunting Queries/sample.yaml',
    indexInFile: 0,
    raw: 'id: 1\nname: Sample rule\n',
    problems: [],
    flags: [],
    extra: {},
    source: 'Azure-Sentinel',
    tactics: [{ id: 'TA0011', shortname: 'command-and-control', name: 'Command and Control' }],
    techniques: [{ id: 'T1219', name: 'Remote Access Tools', known: true }],
    tacticsRaw: ['CommandAndControl'],
    techniquesRaw: ['T1219'],
    commit: 'abc123',
    url: 'https://github.com/Azure/Azure-Sentinel/blob/abc123/Hunting%20Queries/sample.yaml',
    firstSeen: '2026-12-01T10:00:00.000Z',
    lastChanged: '2026-12-01T10:00:00.000Z',
    retrievedAt: '2026-12-03T12:30:00.000Z',
    contentHash: 'f00d',
    ...overrides,
  };
}

/** The feed row view of a rule, as the store would give it. */
export function summaryOf(rule: Rule, snippet?: string): RuleSummary {
  return {
    id: rule.id,
    name: rule.name,
    description: rule.description,
    source: rule.source,
    format: rule.format,
    language: rule.language,
    kind: rule.kind,
    severity: rule.severity,
    severityInferred: rule.severityInferred,
    status: rule.status,
    techniques: rule.techniques.map((t) => ({ id: t.id, name: t.name })),
    tactics: rule.tactics.map((t) => ({ id: t.id, name: t.name })),
    dataSources: rule.dataSources,
    tags: rule.tags,
    flags: rule.flags,
    lastChanged: rule.lastChanged,
    ...(snippet === undefined ? {} : { snippet }),
  };
}

/** Payloads that must only ever show as text. */
export const XSS = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  svg: '<svg onload=alert(1)>',
  attr: '" onmouseover="alert(1)',
  flag: '<img src=x onerror="window.__xss=1">',
};
