/**
 * Reading a YAML rule file document by document, shared by the YAML adapters: the tolerant
 * loader parses, each mapping document is handed to the adapter with its own text, and the
 * loader's problems are placed by `withYamlLoadProblems`.
 */
import type { FileProblem, ParsedRule } from '../rule.js';
import { loadRuleYaml } from '../yaml/load-rule-yaml.js';
import type { AdapterResult } from './adapter.js';
import { withYamlLoadProblems } from './yaml-load-problems.js';
import { yamlSections, type YamlSection } from './yaml-source-sections.js';

/** Where one rule document sits: its file, its text, its place. */
export interface YamlDocumentSource {
  path: string;
  /** The document's own text, or the whole file when it cannot be cut out. */
  raw: string;
  /** The document's own text when it stands alone (not merged with others), else null. */
  documentText: string | null;
  /** Zero-based index among the rules read so far from this file. */
  indexInFile: number;
  /** 1-based file line the document starts on, when known. */
  firstLine?: number;
}

/** A document to read as a rule, with the index of the loaded document it stands for. */
export interface RuleDocument {
  doc: Record<string, unknown>;
  sourceIndex: number;
  /** True when other documents were merged into it (Sigma collections). */
  merged?: boolean;
}

/** Reads one document: the rule, or the error saying why it holds none. */
export type ReadDocument = (doc: Record<string, unknown>, src: YamlDocumentSource) => ParsedRule | FileProblem;

const oneRulePerDocument = (docs: Record<string, unknown>[]): RuleDocument[] =>
  docs.map((doc, sourceIndex) => ({ doc, sourceIndex }));

/**
 * The rules of one YAML file: each document of `expand(documents)` read by `read`. Never throws
 * beyond what `read` throws.
 */
export function readYamlRuleFile(
  path: string,
  text: string,
  read: ReadDocument,
  expand: (docs: Record<string, unknown>[]) => RuleDocument[] = oneRulePerDocument,
): AdapterResult {
  const loaded = loadRuleYaml(text, path);
  const sections: YamlSection[] = loaded.documents.length <= 1 ? [{ text, firstLine: 1 }] : yamlSections(text);
  // Documents' own texts are known only when the file's documents line up with the loaded ones.
  const aligned = sections.length === loaded.documents.length;
  const rules: ParsedRule[] = [];
  const fileProblems: FileProblem[] = [];
  for (const { doc, sourceIndex, merged } of expand(loaded.documents)) {
    const section = aligned ? sections[sourceIndex] : undefined;
    const found = read(doc, {
      path,
      raw: section?.text ?? text,
      documentText: merged || !section ? null : section.text,
      indexInFile: rules.length,
      firstLine: section?.firstLine,
    });
    if ('format' in found) rules.push(found);
    else fileProblems.push(found);
  }
  return withYamlLoadProblems(rules, loaded, fileProblems);
}
