/**
 * The `splunk` adapter: Splunk security_content detections (`detections/**.yml`), one
 * detection per YAML document. Field mapping: docs/field-mapping/splunk.md.
 */
import type { AdapterInput, AdapterResult, SourceAdapter } from './adapter.js';
import { commonNonRuleReason, foldersOf, wrongExtensionReason } from './non-rule-files.js';
import { ignoredFile, parseWithoutThrowing } from './parsed-rule-builder.js';
import { splunkDetection } from './splunk-detection.js';
import { readYamlRuleFile } from './yaml-rule-file.js';

/** security_content folders whose YAML files describe something other than a detection. */
const NON_DETECTION_FOLDERS = new Map<string, string>([
  ['data_sources', 'Splunk data-source definition'],
  ['macros', 'Splunk macro definition'],
  ['lookups', 'Splunk lookup definition'],
  ['stories', 'Splunk analytic story'],
  ['deployments', 'Splunk deployment settings'],
  ['playbooks', 'Splunk SOAR playbook'],
  ['response_tasks', 'Splunk response task'],
]);

/** Why a file of a security_content repository is not a rule by design, or null when it may be one. */
function nonRuleReason(path: string): string | null {
  const common = commonNonRuleReason(path);
  if (common) return common;
  const folder = foldersOf(path).find((f) => NON_DETECTION_FOLDERS.has(f));
  if (folder) return NON_DETECTION_FOLDERS.get(folder)!;
  return wrongExtensionReason(path, ['.yml', '.yaml'], 'YAML');
}

function parseSplunk({ path, text }: AdapterInput): AdapterResult {
  const ignored = nonRuleReason(path);
  if (ignored) return ignoredFile(ignored);
  return readYamlRuleFile(path, text, splunkDetection);
}

/** Splunk security_content detections (YAML). */
export const splunkAdapter: SourceAdapter = {
  format: 'splunk',
  // Every file under the source's paths is classified: a rule, an ignored non-rule, or a problem.
  accepts: () => true,
  parse: (input) => parseWithoutThrowing(input.path, () => parseSplunk(input)),
};
