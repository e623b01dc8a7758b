/**
 * What we know about the Sentinel / Defender XDR tables rules query: the product and connector
 * that fill each, what one row is (for the hunt hypothesis), its event-time column, and the
 * ATT&CK data components its rows are evidence of (to pick the relevant analytics). Written
 * from the public table references of Microsoft Sentinel and Defender XDR advanced hunting.
 */

/** One table's description. */
export interface KqlTableInfo {
  product: string;
  connector: string;
  /** What rows are, plural, for sentences: `network connections`. */
  rows: string;
  /** Column holding the event time in the product that defines the table. */
  timeColumn: 'Timestamp' | 'TimeGenerated';
  /** ATT&CK data component names (v18) the rows document. */
  dataComponents: string[];
}

const DEFENDER = 'Microsoft Defender XDR (advanced hunting)';
const DEFENDER_CONNECTOR = 'Microsoft Defender XDR connector (MicrosoftThreatProtection)';
const ENTRA = 'Microsoft Entra ID';
const ENTRA_CONNECTOR = 'Microsoft Entra ID connector (AzureActiveDirectory)';

function defender(rows: string, dataComponents: string[]): KqlTableInfo {
  return { product: `${DEFENDER}`, connector: DEFENDER_CONNECTOR, rows, timeColumn: 'Timestamp', dataComponents };
}

function sentinel(product: string, connector: string, rows: string, dataComponents: string[]): KqlTableInfo {
  return { product, connector, rows, timeColumn: 'TimeGenerated', dataComponents };
}

/** Tables by exact name. */
export const KQL_TABLES: Readonly<Record<string, KqlTableInfo>> = {
  DeviceNetworkEvents: defender('network connections and related events', ['Network Connection Creation', 'Network Traffic Flow']),
  DeviceProcessEvents: defender('process creations', ['Process Creation']),
  DeviceFileEvents: defender('file creations, modifications and deletions', ['File Creation', 'File Modification', 'File Deletion']),
  DeviceRegistryEvents: defender('registry key and value changes', ['Windows Registry Key Creation', 'Windows Registry Key Modification']),
  DeviceImageLoadEvents: defender('DLL loads', ['Module Load']),
  DeviceLogonEvents: defender('logons on devices', ['User Account Authentication', 'Logon Session Creation']),
  DeviceEvents: defender('miscellaneous endpoint events (security controls, API calls, scans)', ['OS API Execution', 'Process Access']),
  DeviceFileCertificateInfo: defender('certificate details of signed files', ['File Metadata']),
  DeviceInfo: defender('device inventory snapshots', ['Host Status']),
  DeviceNetworkInfo: defender('device network configuration snapshots', ['Host Status']),
  EmailEvents: defender('email deliveries and blocks', ['Application Log Content']),
  EmailAttachmentInfo: defender('email attachments', ['Application Log Content']),
  EmailUrlInfo: defender('URLs in emails', ['Application Log Content']),
  UrlClickEvents: defender('Safe Links clicks', ['Application Log Content']),
  IdentityLogonEvents: defender('authentications seen by Defender for Identity', ['User Account Authentication']),
  IdentityQueryEvents: defender('directory queries (LDAP, DNS, SAMR)', ['Active Directory Object Access']),
  IdentityDirectoryEvents: defender('directory changes', ['Active Directory Object Modification']),
  IdentityInfo: sentinel('Microsoft Sentinel UEBA / Defender XDR', 'User and Entity Behavior Analytics', 'account profiles', ['User Account Metadata']),
  AlertInfo: defender('alerts', ['Application Log Content']),
  AlertEvidence: defender('entities attached to alerts', ['Application Log Content']),
  CloudAppEvents: defender('cloud application activities (Defender for Cloud Apps)', ['Cloud Service Modification', 'Application Log Content']),
  BehaviorAnalytics: sentinel('Microsoft Sentinel UEBA', 'User and Entity Behavior Analytics', 'scored user and entity activities', ['User Account Authentication']),
  SigninLogs: sentinel(ENTRA, ENTRA_CONNECTOR, 'interactive sign-ins', ['User Account Authentication', 'Logon Session Creation']),
  AADNonInteractiveUserSignInLogs: sentinel(ENTRA, ENTRA_CONNECTOR, 'non-interactive sign-ins', ['User Account Authentication']),
  AADServicePrincipalSignInLogs: sentinel(ENTRA, ENTRA_CONNECTOR, 'service principal sign-ins', ['User Account Authentication']),
  AuditLogs: sentinel(ENTRA, ENTRA_CONNECTOR, 'directory audit events', ['User Account Modification', 'Active Directory Object Modification']),
  AADRiskyUsers: sentinel(ENTRA, ENTRA_CONNECTOR, 'risky-user records', ['User Account Metadata']),
  OfficeActivity: sentinel('Microsoft 365 (Exchange, SharePoint, Teams)', 'Microsoft 365 connector (Office365)', 'Microsoft 365 audit events', ['Application Log Content', 'Cloud Service Modification']),
  AzureActivity: sentinel('Azure Resource Manager', 'Azure Activity connector', 'Azure control-plane operations', ['Cloud Service Modification', 'Instance Creation']),
  AzureDiagnostics: sentinel('Azure resource diagnostics', 'Azure resource diagnostic settings', 'resource diagnostic records', ['Application Log Content']),
  SecurityEvent: sentinel('Windows Security event log', 'Windows Security Events via AMA (SecurityEvents)', 'Windows security events', ['User Account Authentication', 'Process Creation', 'Logon Session Creation']),
  WindowsEvent: sentinel('Windows event logs', 'Windows Forwarded Events (WindowsForwardedEvents)', 'forwarded Windows events', ['Application Log Content']),
  Event: sentinel('Windows event logs (System, Application, Sysmon)', 'Azure Monitor Agent / Log Analytics agent', 'Windows event-log entries', ['Application Log Content']),
  Syslog: sentinel('Linux syslog', 'Syslog via AMA (Syslog)', 'syslog messages', ['Application Log Content']),
  CommonSecurityLog: sentinel('CEF appliances (firewalls, proxies)', 'Common Event Format via AMA (CEF)', 'CEF events from network appliances', ['Network Traffic Flow', 'Network Connection Creation']),
  DnsEvents: sentinel('Windows DNS servers', 'DNS connector (DNS)', 'DNS queries and server events', ['Network Traffic Content']),
  W3CIISLog: sentinel('IIS web servers', 'IIS logs via the Log Analytics agent', 'IIS web requests', ['Application Log Content']),
  VMConnection: sentinel('Azure Monitor VM insights', 'VM insights (Dependency agent)', 'VM network connections', ['Network Connection Creation']),
  ThreatIntelligenceIndicator: sentinel('Microsoft Sentinel threat intelligence', 'Threat Intelligence connectors (TAXII, platforms)', 'threat-intelligence indicators', []),
  SecurityAlert: sentinel('Microsoft Sentinel / Defender alerts', 'Alert-producing connectors', 'security alerts', ['Application Log Content']),
  AWSCloudTrail: sentinel('AWS CloudTrail', 'Amazon Web Services connector (AWS)', 'AWS API calls', ['Cloud Service Modification', 'Application Log Content']),
};

/** The description of a table; for unknown tables a neutral one built from the name (custom `_CL` tables say so). */
export function kqlTableInfo(name: string): KqlTableInfo & { known: boolean } {
  const known = KQL_TABLES[name];
  if (known) return { ...known, known: true };
  const custom = name.endsWith('_CL');
  return {
    product: custom ? 'a custom log table' : 'unknown product',
    connector: custom ? 'a custom ingestion (Data Collection Rule or Logs Ingestion API)' : 'not documented here',
    rows: `${name} records`,
    timeColumn: 'TimeGenerated',
    dataComponents: [],
    known: false,
  };
}

/** True for tables of the Defender XDR advanced-hunting schema (event time `Timestamp`; Sentinel's copy adds `TimeGenerated`). */
export function isDefenderTable(name: string): boolean {
  return KQL_TABLES[name]?.product === DEFENDER;
}
