/**
 * The `sentinel` adapter: Microsoft Sentinel hunting queries and analytic rules (YAML), in the
 * `Hunting Queries/` / `Detections/` layout and the `Solutions/<name>/…` layout. One rule per
 * file. Field mapping and the decisions below: docs/field-mapping/sentinel.md.
 */
import { loadRuleYaml } from '../yaml/load-rule-yaml.js';
import type { AdapterInput, AdapterResult, SourceAdapter } from './adapter.js';
import { extensionOf } from './non-rule-files.js';
import { ignoredFile, parseWithoutThrowing, problemAt, warnRule } from './parsed-rule-builder.js';
import { sentinelRule } from './sentinel-rule.js';
import { urlsInText } from './urls-in-text.js';
import { withYamlLoadProblems } from './yaml-load-problems.js';

/** Placeholders of the rule templates that generate the RMM queries (`id: %%GUID%%`). */
const TEMPLATE_PLACEHOLDER = /%%[A-Z_]+%%/;
/** What the "moved to Solutions" stubs left behind by the content migration say. */
const MOVED_STUB = /this file is moved to (a )?new location/i;

const isYaml = (path: string): boolean => ['.yaml', '.yml'].includes(extensionOf(path));

function parseSentinel({ path, text }: AdapterInput): AdapterResult {
  if (!isYaml(path)) return ignoredFile(`not a YAML file (${extensionOf(path) || 'no extension'})`);
  const loaded = loadRuleYaml(text, path);
  const doc = loaded.documents[0];
  if (!doc) return withYamlLoadProblems([], loaded, []);
  if (TEMPLATE_PLACEHOLDER.test(String(doc.id)) || TEMPLATE_PLACEHOLDER.test(String(doc.name))) {
    return ignoredFile('rule template with %%…%% placeholders, not a rule');
  }

  const rule = sentinelRule(doc, path, text);
  if (!rule) {
    // The stubs are reported, not kept: they hold no query, and the rule itself is read from
    // its Solutions path.
    if (MOVED_STUB.test(text)) {
      const target = urlsInText(text.slice(text.search(MOVED_STUB)))[0];
      const where = target ? `; the rule now lives at ${target}` : '';
      return withYamlLoadProblems([], loaded, [problemAt(path, 'error', `"moved to Solutions" stub without a query${where}`)]);
    }
    return withYamlLoadProblems([], loaded, [problemAt(path, 'error', 'no query: not a Sentinel rule')]);
  }
  if (loaded.documents.length > 1) {
    warnRule(rule, 'extra-yaml-documents', `the file holds ${loaded.documents.length} YAML documents; only the first is read`);
  }
  return withYamlLoadProblems([rule], loaded, []);
}

/** Microsoft Sentinel hunting queries and analytic rules (YAML). */
export const sentinelAdapter: SourceAdapter = {
  format: 'sentinel',
  accepts: isYaml,
  parse: (input) => parseWithoutThrowing(input.path, () => parseSentinel(input)),
};
