import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { kqlAdapter } from '../../../src/catalog/adapters/kql.js';
import type { AdapterResult } from '../../../src/catalog/adapters/adapter.js';
import type { ParsedRule } from '../../../src/catalog/rule.js';
import { readRuleFile, DEFAULT_MAX_RULE_FILE_BYTES } from '../../../src/catalog/read-rule-file.js';
import { CORPUS } from '../../helpers/shared.js';

const REPRISE = join(CORPUS, 'reprise99-sentinel-queries');
const M365 = join(CORPUS, 'm365-defender-hunting-queries');

function readText(root: string, path: string): string {
  const r = readRuleFile(join(root, path), path, { maxBytes: DEFAULT_MAX_RULE_FILE_BYTES });
  assert.ok(r.ok, path);
  return r.text;
}
const parseFile = (root: string, path: string): AdapterResult => kqlAdapter.parse({ path, text: readText(root, path) });
const onlyRule = (r: AdapterResult): ParsedRule => {
  assert.equal(r.rules.length, 1, JSON.stringify(r.problems) + (r.ignored ?? ''));
  return r.rules[0]!;
};

describe('kql adapter: .kql, .txt and extension-less query files', () => {
  test('a reprise99 .kql file: title and description from its comments, the query exactly', () => {
    const path = 'Heartbeat/Heartbeat-NoHeartbeatinTimeframe.kql';
    const text = readText(REPRISE, path);
    const rule = onlyRule(kqlAdapter.parse({ path, text }));
    assert.equal(rule.name, "Finds computers that haven't sent a heartbeat in the last 30 days");
    assert.equal(
      rule.description,
      "Finds computers that haven't sent a heartbeat in the last 30 days\n\nData connector required for this query - Heartbeat (created automatically when you onboard machines to Sentinel)",
    );
    assert.equal(
      rule.query,
      `//Finds computers that haven't sent a heartbeat in the last 30 days

//Data connector required for this query - Heartbeat (created automatically when you onboard machines to Sentinel)

Heartbeat
| where TimeGenerated > ago(365d)
| summarize arg_max(TimeGenerated, *) by Computer
| project
    Computer,
    ['Last Heartbeat']=TimeGenerated,
    ['Days Since Last Heartbeat']=datetime_diff("day", now(), TimeGenerated)
| where ['Days Since Last Heartbeat'] > 30
| sort by ['Days Since Last Heartbeat'] desc `,
    );
    assert.equal(rule.raw, text);
    assert.equal(rule.format, 'kql');
    assert.equal(rule.language, 'kql');
    assert.equal(rule.kind, 'hunting');
    assert.equal(rule.upstreamId, null);
    assert.equal(rule.indexInFile, 0);
    assert.deepEqual(rule.tags, ['hunting', 'community']);
    assert.deepEqual(rule.tacticsRaw, []);
    // No tactic declared: low, inferred.
    assert.equal(rule.severity, 'low');
    assert.equal(rule.severityInferred, true);
    assert.deepEqual(rule.problems, []);
  });

  test('an identifier-like file name gives way to a title-like first comment, not to a note', () => {
    const rule = onlyRule(parseFile(REPRISE, 'Azure Key Vault/KeyVault-DefaultFirewallRuleSettoAllow.kql'));
    assert.equal(rule.name, 'Detects when an Azure Key Vault firewall is set to allow all by default');
    // A first line that is a long sentence is no title: the file name stands (this file holds
    // two queries, each named after its own heading comment).
    const long = parseFile(REPRISE, 'Defender for Cloud Apps/DCA-SuspiciousMailboxRuleCreated.kql');
    assert.deepEqual(long.rules.map((r) => r.name), [
      'DCA-SuspiciousMailboxRuleCreated (Microsoft Sentinel query)',
      'DCA-SuspiciousMailboxRuleCreated (Advanced Hunting query)',
    ]);
  });

  test('a file holding two queries without `;` gives two rules, each its own text; the first keeps index 0', () => {
    const path = 'Azure Active Directory/Identity-AlertGuestDeniedAccesstoMultipleApps.kql';
    const text = readText(REPRISE, path);
    const r = kqlAdapter.parse({ path, text });
    assert.equal(r.rules.length, 2);
    const [sentinel, hunting] = r.rules as [ParsedRule, ParsedRule];
    assert.deepEqual([sentinel.indexInFile, hunting.indexInFile], [0, 1]);
    assert.match(sentinel.name, /\(Microsoft Sentinel query\)$/);
    assert.match(hunting.name, /\(Advanced Hunting query\)$/);
    // lines 1-15: the header comments and the SigninLogs query; from line 17 (its heading) the Advanced Hunting one
    assert.equal(sentinel.query, text.split('\n').slice(0, 15).join('\n'));
    assert.ok(sentinel.query.includes('SigninLogs') && !sentinel.query.includes('AADSignInEventsBeta'));
    assert.equal(hunting.extra.line, 17);
    assert.ok(hunting.query.startsWith('//Advanced Hunting query') && hunting.query.includes('AADSignInEventsBeta') && !hunting.query.includes('SigninLogs'));
    assert.equal(hunting.raw, hunting.query);
  });

  test('a Markdown block holding two queries gives two rules; the second is numbered after the page\'s blocks', () => {
    const r = parseFile(M365, 'Campaigns/c2-lookup-from-nonbrowser[Nobelium].md');
    const blocks = r.rules.filter((x) => x.indexInFile === 0);
    assert.equal(blocks.length, 1);
    const [first, second] = r.rules as [ParsedRule, ParsedRule];
    assert.ok(first.query.startsWith('DeviceEvents') && !first.query.includes('IdentityQueryEvents'));
    assert.ok(second.query.startsWith('IdentityQueryEvents'));
    assert.ok(second.indexInFile >= 1);
    assert.match(first.name, /\(query 1 of 2\)$/);
  });

  test('a query that parses whole stays one rule even with blank lines and comments inside it', () => {
    const text = "let a = 1;\n\n// the table\nT\n\n// filter\n| where x > a\n\n| take 5";
    const rule = onlyRule(kqlAdapter.parse({ path: 'q.kql', text }));
    assert.equal(rule.query, text);
  });

  test('two queries of a fixture are split at the statement after the gap; an unparseable single query is not split', () => {
    const two = "T\n| where a == 1\n\n// second\nU | count";
    assert.deepEqual(kqlAdapter.parse({ path: 'two.kql', text: two }).rules.map((r) => r.query), ['T\n| where a == 1', '// second\nU | count']);
    // one broken query: splitting would not make it parse, so it stays whole
    const broken = "T\n| where a ==\n\nU | count";
    assert.equal(kqlAdapter.parse({ path: 'b.kql', text: broken }).rules.length, 1);
  });

  test('an m365 .txt file: its spaced file name as title, tags, ATT&CK link, tactic from its folder', () => {
    const rule = onlyRule(parseFile(M365, 'Persistence/Accessibility Features.txt'));
    assert.equal(rule.name, 'Accessibility Features');
    assert.match(rule.description, /^This query looks for persistence or priviledge escalation done using Windows Accessibility features\.\n/);
    assert.ok(!rule.description.includes('Tags:'));
    assert.deepEqual(rule.tags, [
      'hunting',
      'community',
      'AccessibilityFeatures',
      'StickyKeys',
      'ImageFileExecutionOptions',
      'Debugger',
      'PriviledgeEscalation',
      'Persistence',
    ]);
    assert.deepEqual(rule.techniquesRaw, ['T1015']);
    assert.deepEqual(rule.references, ['https://attack.mitre.org/wiki/Technique/T1015']);
    assert.deepEqual(rule.tacticsRaw, ['Persistence']);
    assert.equal(rule.severity, 'low');
    assert.match(rule.query, /^\/\/ This query looks for persistence/);
    assert.match(rule.query, /\| union kind=outer executedProcessIsPowershellOrCmd\n?$/);
  });

  test('a query preceded by a zero-width space is still KQL', () => {
    const rule = onlyRule(parseFile(M365, 'Campaigns/Ransomware hits healthcare - Backup deletion.txt'));
    assert.equal(rule.name, 'Ransomware hits healthcare - Backup deletion');
    assert.equal(rule.description, 'List alerts flagging attempts to delete backup files');
  });

  test('files without an extension: KQL is read, a Graph URL or an HTTP request is not', () => {
    const kql = onlyRule(parseFile(M365, 'Discovery/PrevalentInteractiveLogons'));
    assert.equal(kql.name, 'Breaks down the top interactive logged on user for each machine');
    assert.deepEqual(kql.tacticsRaw, ['Discovery']);
    const http = parseFile(REPRISE, 'Azure Diagnostics/aad_pim_integration');
    assert.deepEqual(http, { rules: [], problems: [], ignored: 'file without an extension that holds no KQL' });
    assert.equal(parseFile(REPRISE, 'Azure Active Directory/MSGraph-GuestLogonQuery').ignored, 'file without an extension that holds no KQL');
  });

  test('a .kql file of comments only is a problem', () => {
    const r = kqlAdapter.parse({ path: 'x/empty.kql', text: '// nothing here yet\n//\n' });
    assert.deepEqual(r.rules, []);
    assert.deepEqual(r.problems, [{ file: 'x/empty.kql', reason: 'no query: the file holds only comments', severity: 'error' }]);
  });
});

describe('kql adapter: Markdown', () => {
  test('an m365 file with one block: title, description, tactic table, contributor, the query exactly', () => {
    const path = 'Execution/Detect Encoded Powershell.md';
    const text = readText(M365, path);
    const rule = onlyRule(kqlAdapter.parse({ path, text }));
    assert.equal(rule.name, 'Detect Encoded PowerShell');
    assert.equal(
      rule.description,
      'This query will detect encoded powershell based on the parameters passed during process creation. This query will also work if the PowerShell executable is renamed or tampered with since detection is based solely on a regex of the launch string.',
    );
    assert.equal(
      rule.query,
      [
        'DeviceProcessEvents',
        "| where ProcessCommandLine matches regex @'(\\s+-((?i)encod?e?d?c?o?m?m?a?n?d?|e|en|enc|ec)\\s).*([A-Za-z0-9+/]{50,}[=]{0,2})'",
        '| extend DecodedCommand = replace(@\'\\x00\',\'\', base64_decode_tostring(extract("[A-Za-z0-9+/]{50,}[=]{0,2}",0 , ProcessCommandLine)))',
      ].join('\n'),
    );
    assert.equal(rule.raw, text);
    assert.deepEqual(rule.tacticsRaw, ['Execution']);
    assert.deepEqual(rule.techniquesRaw, []);
    assert.deepEqual(rule.authors, ['Michael Melone']);
    assert.deepEqual(rule.tags, ['hunting', 'community']);
    assert.equal(rule.kind, 'hunting');
    assert.equal(rule.severity, 'low');
    assert.equal(rule.severityInferred, true);
  });

  test('techniques from the table notes and from ATT&CK links', () => {
    const cred = onlyRule(parseFile(M365, 'Persistence/NewAppOrServicePrincipalCredential[Nobelium].md'));
    assert.equal(cred.name, 'New access credential added to application or service principal');
    assert.deepEqual(cred.tacticsRaw, ['Persistence']);
    assert.deepEqual(cred.techniquesRaw, ['T1098.001']);
    assert.deepEqual(cred.authors, ['Blake Strom']);
    assert.ok(cred.references.includes('https://msrc-blog.microsoft.com/2020/12/13/customer-guidance-on-recent-nation-state-cyber-attacks/'));
    const url = onlyRule(parseFile(M365, 'Initial access/SuspiciousUrlClicked.md'));
    assert.deepEqual(url.techniquesRaw, ['T1566.002']);
    const mshta = onlyRule(parseFile(M365, 'Execution/detect-suspicious-mshta-usage.md'));
    assert.deepEqual(mshta.techniquesRaw, ['T1170']);
    // A Markdown link's closing parenthesis is not part of the URL; balanced ones are.
    assert.ok(mshta.references.includes('https://docs.microsoft.com/previous-versions/ms536496(v=vs.85)'));
  });

  test('covered categories that are not tactics become tags', () => {
    const rule = onlyRule(parseFile(M365, 'Campaigns/cypherpunk-remote-exec-w-psexesvc.md'));
    assert.equal(rule.name, 'Cypherpunk remote execution through PSEXESVC');
    assert.deepEqual(rule.tacticsRaw, ['Execution']);
    assert.deepEqual(rule.tags, ['hunting', 'community', 'ransomware']);
    assert.deepEqual(rule.authors, ['Microsoft Threat Protection team']);
  });

  test('several blocks: one rule each, numbered, named by their label lines', () => {
    const path = 'Campaigns/Qakbot/Qakbot email theft.md';
    const r = parseFile(M365, path);
    assert.equal(r.rules.length, 2);
    const [generic, specific] = r.rules as [ParsedRule, ParsedRule];
    assert.deepEqual([generic.indexInFile, specific.indexInFile], [0, 1]);
    assert.equal(generic.name, 'Qakbot email theft — Generic');
    assert.equal(specific.name, 'Qakbot email theft — Specific');
    assert.equal(generic.query, "DeviceFileEvents\n| where InitiatingProcessFileName =~ 'ping.exe'\n| where FileName endswith '.eml'");
    assert.equal(
      specific.query,
      "DeviceFileEvents\n| where InitiatingProcessFileName =~ 'ping.exe' and InitiatingProcessCommandLine == 'ping.exe -t 127.0.0.1'\n    and InitiatingProcessParentFileName in~('msra.exe', 'mobsync.exe') and FolderPath endswith \".eml\"",
    );
    assert.match(generic.description, /^Use this query to find email stealing activities ran by Qakbot/);
    // Each rule's raw text is its own fenced block.
    assert.equal(generic.raw, "```\nDeviceFileEvents\n| where InitiatingProcessFileName =~ 'ping.exe'\n| where FileName endswith '.eml'\n```");
    assert.deepEqual([generic.tacticsRaw, specific.tacticsRaw], [['Collection'], ['Collection']]);
    assert.deepEqual(generic.authors, ['Microsoft 365 Defender team']);
  });

  test('a folder README with 32 kql blocks gives 32 rules named by their headings', () => {
    const r = parseFile(REPRISE, 'Azure AD Abuse Detection/README.md');
    assert.equal(r.rules.length, 32);
    assert.equal(
      r.rules[1]!.name,
      'BARK Detections — BARK function - Set-AZUserPassword // Reset-AZUserPassword — Detection Query (User as actor)',
    );
    assert.match(r.rules[1]!.query, /^AuditLogs\n\| where OperationName == "Reset user password"\n/);
    assert.match(r.rules[1]!.description, /Password resets are common in any Azure AD environment/);
    assert.equal(new Set(r.rules.map((x) => x.name)).size, 32);
    assert.deepEqual(r.rules.map((x) => x.indexInFile), [...Array(32).keys()]);
  });

  test('a query written under "## Query" without a fence is found', () => {
    const rule = onlyRule(parseFile(M365, 'Initial access/identify-potential-missed-phishing-email-campaigns.md'));
    assert.equal(rule.name, 'Identify potential missed phishing email campaigns');
    assert.equal(
      rule.description,
      'Identify emails that were send from an address external to your company and where email was send to more then 50 distinct corporate users\nUpdate corporatedomain.com to your corporate domain to have it excluded\nUpdate 50 if you want to adjust the distinct user count',
    );
    assert.match(rule.query, /^EmailEvents\n\| where SenderFromDomain != "corporatedomain.com"\n/);
    assert.deepEqual(rule.tacticsRaw, ['Initial access']);
  });

  test('READMEs and templates without KQL are ignored, not problems', () => {
    assert.deepEqual(parseFile(M365, 'README.md'), { rules: [], problems: [], ignored: 'repository documentation' });
    assert.deepEqual(parseFile(REPRISE, 'README.md'), { rules: [], problems: [], ignored: 'repository documentation' });
    assert.equal(parseFile(REPRISE, 'Functions/README.md').ignored, 'Markdown without KQL code blocks');
    // The submission template's only block is the `< Insert query string here >` placeholder.
    assert.equal(parseFile(M365, '00-query-submission-template.md').ignored, 'Markdown whose 1 code block(s) hold no KQL');
    assert.equal(parseFile(REPRISE, 'LICENSE').ignored, 'licence file');
    assert.equal(parseFile(REPRISE, 'Azure Key Vault/KeyVault-AccessManipulation.yaml').ignored, 'YAML rule file: the sentinel and sigma adapters read those');
    assert.equal(kqlAdapter.accepts('M365-PowerBi Dashboard/Microsoft Threat Protection - API Dashboard.pbit'), false);
  });
});

describe('kql adapter: the whole collections', () => {
  /** Reads every file as sync would (read, then parse) and sorts it into rules / ignored / problem. */
  function classify(root: string): { files: number; rules: number; withRules: number; ignored: number; notAccepted: number; problems: string[] } {
    const out = { files: 0, rules: 0, withRules: 0, ignored: 0, notAccepted: 0, problems: [] as string[] };
    for (const path of globSync(['**/*'], { cwd: root, dot: true })) {
      out.files++;
      if (!kqlAdapter.accepts(path)) {
        out.notAccepted++;
        continue;
      }
      const read = readRuleFile(join(root, path), path, { maxBytes: DEFAULT_MAX_RULE_FILE_BYTES });
      if (!read.ok) {
        out.problems.push(`${path}: ${read.problem.reason}`);
        continue;
      }
      const r = kqlAdapter.parse({ path, text: read.text });
      const outcomes = [r.rules.length > 0, r.ignored !== undefined, r.problems.some((p) => p.severity === 'error')];
      assert.equal(outcomes.filter(Boolean).length, 1, `${path} must be exactly one of rule / ignored / problem`);
      out.rules += r.rules.length;
      if (r.rules.length > 0) out.withRules++;
      if (r.ignored) out.ignored++;
      if (r.problems.some((p) => p.severity === 'error')) out.problems.push(`${path}: ${r.problems[0]!.reason}`);
      for (const rule of r.rules) assert.ok(rule.name.trim() !== '' && rule.query.trim() !== '', path);
    }
    return out;
  }

  test('reprise99: 477 files → 636 rules, 12 ignored, no problem', () => {
    const c = classify(REPRISE);
    // Counted by hand: 462 .kql files; `grep -c '^```kql'` gives 32 blocks in
    // "Azure AD Abuse Detection/README.md" and 8 in "Sentinel vs Advanced Hunting/README.md"
    // (the root README's 60 tutorial snippets are documentation); one extension-less file
    // (Identity-AuthenticationStrengthsParser) is KQL. 462 + 40 + 1 = 503 files-or-blocks, but
    // 98 of the .kql files hold several queries without `;` (the Sentinel query and its
    // Advanced Hunting twin): an awk script applying the splitting rule of
    // docs/field-mapping/kql.md counts 231 queries in them. 503 - 98 + 231 = 636.
    assert.deepEqual(c, { files: 477, rules: 636, withRules: 465, ignored: 12, notAccepted: 0, problems: [] });
  });

  test('m365: 383 files → 592 rules, 10 ignored, the .pbit turned away, one empty file reported', () => {
    const c = classify(M365);
    // Counted by hand: the .md files hold 546 fence lines = 273 blocks; the submission
    // template's placeholder block is no KQL, and one query is unfenced: 273. Of 101 .txt,
    // readme.txt is prose and WindowsDefenderAVEvents.txt is empty: 99. Plus 2 .csl and one
    // extension-less query file (Discovery/PrevalentInteractiveLogons): 273 + 99 + 2 + 1 = 375.
    // 21 of the .txt/.csl files (webcast notes mostly) hold several queries without `;`: the
    // awk count of the splitting rule gives 204 queries in them; 8 Markdown blocks do too, 42
    // queries by the same awk count over the blocks' text. 375 - 21 + 204 - 8 + 42 = 592.
    assert.deepEqual(c, {
      files: 383,
      rules: 592,
      withRules: 371,
      ignored: 10,
      notAccepted: 1,
      problems: ['Protection events/WindowsDefenderAVEvents.txt: empty file'],
    });
  });
});
