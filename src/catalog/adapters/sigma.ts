/**
 * The `sigma` adapter: SigmaHQ rule files (`rules/`, `rules-threat-hunting/`,
 * `rules-emerging-threats/` …), one rule per YAML document, rule collections expanded.
 * Field mapping: docs/field-mapping/sigma.md.
 */
import type { AdapterInput, AdapterResult, SourceAdapter } from './adapter.js';
import { commonNonRuleReason, wrongExtensionReason } from './non-rule-files.js';
import { ignoredFile, parseWithoutThrowing } from './parsed-rule-builder.js';
import { expandSigmaCollection } from './sigma-collection.js';
import { sigmaRule } from './sigma-rule.js';
import { readYamlRuleFile } from './yaml-rule-file.js';

/** Why a file of a Sigma repository is not a rule by design, or null when it may be one. */
function nonRuleReason(path: string): string | null {
  return commonNonRuleReason(path) ?? wrongExtensionReason(path, ['.yml', '.yaml'], 'YAML');
}

function parseSigma({ path, text }: AdapterInput): AdapterResult {
  const ignored = nonRuleReason(path);
  if (ignored) return ignoredFile(ignored);
  return readYamlRuleFile(path, text, sigmaRule, expandSigmaCollection);
}

/** SigmaHQ rules (YAML). */
export const sigmaAdapter: SourceAdapter = {
  format: 'sigma',
  // Every file under the source's paths is classified: a rule, an ignored non-rule, or a problem.
  accepts: () => true,
  parse: (input) => parseWithoutThrowing(input.path, () => parseSigma(input)),
};
