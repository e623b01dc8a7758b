/**
 * Which column or field to allow-list for a tuning, in the rule's own data: Defender XDR and
 * Sentinel columns for KQL, Sigma's field names, ECS for Elastic, CIM for Splunk. A column the
 * query itself reads is preferred to the generic one.
 */
import type { QueryAnalysis } from '../../analysis/index.js';
import type { QueryLanguage } from '../../catalog/rule.js';
import type { TuningTarget } from './technique-guidance.js';

type Candidates = Record<TuningTarget, string[]>;

const KQL: Candidates = {
  host: ['DeviceName', 'Computer', 'HostName', 'DeviceId'],
  process: ['InitiatingProcessFolderPath', 'FolderPath', 'InitiatingProcessFileName', 'FileName', 'Process', 'NewProcessName'],
  parent: ['InitiatingProcessParentFileName', 'InitiatingProcessFileName', 'ParentProcessName'],
  user: ['InitiatingProcessAccountName', 'AccountName', 'UserPrincipalName', 'AccountUpn', 'Account', 'Caller', 'UserId'],
  destination: ['RemoteUrl', 'RemoteIP', 'DestinationHostName', 'DestinationIP', 'IPAddress', 'SenderFromDomain', 'ClientIP'],
  hash: ['InitiatingProcessSHA256', 'SHA256', 'SHA1'],
  command: ['InitiatingProcessCommandLine', 'ProcessCommandLine', 'CommandLine'],
};
const SIGMA: Candidates = {
  host: ['ComputerName', 'Computer'],
  process: ['Image', 'OriginalFileName'],
  parent: ['ParentImage', 'ParentCommandLine'],
  user: ['User', 'SubjectUserName', 'TargetUserName', 'userIdentity.arn', 'UserPrincipalName'],
  destination: ['DestinationHostname', 'DestinationIp', 'QueryName', 'cs-host', 'c-ip'],
  hash: ['Hashes', 'sha256'],
  command: ['CommandLine', 'ParentCommandLine'],
};
const ECS: Candidates = {
  host: ['host.name', 'host.id'],
  process: ['process.executable', 'process.name'],
  parent: ['process.parent.executable', 'process.parent.name'],
  user: ['user.name', 'user.id', 'aws.cloudtrail.user_identity.arn', 'okta.actor.alternate_id'],
  destination: ['destination.domain', 'destination.ip', 'url.domain', 'dns.question.name', 'source.ip'],
  hash: ['process.hash.sha256', 'file.hash.sha256', 'dll.hash.sha256'],
  command: ['process.command_line', 'process.args'],
};
const CIM: Candidates = {
  host: ['dest', 'Processes.dest', 'host'],
  process: ['Processes.process_path', 'process_path', 'Processes.process_name', 'process_name'],
  parent: ['Processes.parent_process_name', 'parent_process_name'],
  user: ['Processes.user', 'user', 'src_user'],
  destination: ['dest_ip', 'url', 'query', 'dest_host', 'All_Traffic.dest'],
  hash: ['Processes.process_hash', 'process_hash', 'file_hash'],
  command: ['Processes.process', 'process'],
};

function candidatesFor(language: QueryLanguage): Candidates {
  if (language === 'kql') return KQL;
  if (language === 'sigma') return SIGMA;
  if (language === 'spl') return CIM;
  return ECS;
}

/** The column to allow-list for `target`: the first candidate the query reads, else the language's usual one. */
export function tuningColumn(language: QueryLanguage, analysis: QueryAnalysis, target: TuningTarget): string {
  const candidates = candidatesFor(language)[target];
  // A bare file name is a weak allow-list key: for processes prefer a path or hash even if the query reads only the name.
  const read = new Set([...analysis.columns, ...analysis.aggregations.flatMap((a) => a.keys)].filter((c) => target !== 'process' || !/(FileName|process_name|process\.name)$/i.test(c)));
  return candidates.find((c) => read.has(c)) ?? candidates[0]!;
}
