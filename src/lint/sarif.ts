/**
 * Lint findings as SARIF 2.1.0, the format code-scanning tools (GitHub code scanning, Azure
 * DevOps, VS Code's SARIF viewer) read: one run, the finding codes as the driver's rules, one
 * result per finding located in its rule file.
 */
import { LINT_CODES, type LintCode, type LintFinding } from './lint-finding.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Where a rule lives, for result locations. */
export interface SarifRuleFile {
  /** Path of the rule file, relative to the repository root (POSIX separators) or a file URI. */
  uri: string;
}

function sarifName(code: LintCode): string {
  return code.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}

/** The SARIF log for `findings`; `fileOf` gives each rule's file (a finding whose rule has none is located nowhere). */
export function toSarif(findings: readonly LintFinding[], fileOf: (ruleId: string) => SarifRuleFile | null, tool: { version: string }): object {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'socfeed',
            informationUri: 'https://github.com/socfeed/socfeed',
            version: tool.version,
            rules: codes.map((code) => ({
              id: code,
              name: sarifName(code),
              shortDescription: { text: LINT_CODES[code] },
              defaultConfiguration: { level: findings.find((f) => f.code === code)!.severity },
            })),
          },
        },
        results: findings.map((f) => {
          const file = fileOf(f.ruleId);
          return {
            ruleId: f.code,
            ruleIndex: index.get(f.code)!,
            level: f.severity,
            message: { text: `${f.message} [rule ${f.ruleId}]` },
            locations: file
              ? [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: file.uri },
                      region: { startLine: f.fileLine ?? f.line, startColumn: f.fileColumn ?? f.column },
                    },
                  },
                ]
              : [],
          };
        }),
      },
    ],
  };
}
