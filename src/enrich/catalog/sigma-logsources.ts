/**
 * Sigma log sources → the Microsoft Sentinel and Defender XDR tables that carry the same
 * events, with what a row is and the ATT&CK data components. `docs/sigma-logsource-mapping.md`
 * is the same table for people; keep them in step.
 */

export interface SigmaLogsourceInfo {
  /** What the log source's events are, plural. */
  rows: string;
  /** What produces it on the source side (Sysmon event id, audit policy …). */
  producer: string;
  /** Defender XDR advanced-hunting tables with the same events. */
  defenderTables: string[];
  /** Microsoft Sentinel tables (besides the Defender ones streamed into Sentinel). */
  sentinelTables: string[];
  dataComponents: string[];
}

function entry(rows: string, producer: string, defenderTables: string[], sentinelTables: string[], dataComponents: string[]): SigmaLogsourceInfo {
  return { rows, producer, defenderTables, sentinelTables, dataComponents };
}

/** Windows categories (product `windows`), by Sigma category or service. */
const WINDOWS: Record<string, SigmaLogsourceInfo> = {
  process_creation: entry('process creations', 'Sysmon event 1 or Security 4688 with command line', ['DeviceProcessEvents'], ['SecurityEvent (4688)', 'Event (Sysmon 1)'], ['Process Creation']),
  network_connection: entry('network connections', 'Sysmon event 3', ['DeviceNetworkEvents'], ['Event (Sysmon 3)'], ['Network Connection Creation']),
  file_event: entry('file creations', 'Sysmon event 11', ['DeviceFileEvents'], ['Event (Sysmon 11)'], ['File Creation']),
  file_delete: entry('file deletions', 'Sysmon events 23/26', ['DeviceFileEvents'], ['Event (Sysmon 23, 26)'], ['File Deletion']),
  file_access: entry('file accesses', 'Windows object-access auditing', ['DeviceFileEvents'], ['SecurityEvent (4663)'], ['File Access']),
  file_change: entry('file time changes', 'Sysmon event 2', ['DeviceFileEvents'], ['Event (Sysmon 2)'], ['File Modification']),
  file_rename: entry('file renames', 'Microsoft Defender for Endpoint', ['DeviceFileEvents'], [], ['File Modification']),
  registry_set: entry('registry value sets', 'Sysmon event 13', ['DeviceRegistryEvents'], ['Event (Sysmon 13)'], ['Windows Registry Key Modification']),
  registry_add: entry('registry key creations', 'Sysmon event 12', ['DeviceRegistryEvents'], ['Event (Sysmon 12)'], ['Windows Registry Key Creation']),
  registry_delete: entry('registry deletions', 'Sysmon event 12', ['DeviceRegistryEvents'], ['Event (Sysmon 12)'], ['Windows Registry Key Deletion']),
  registry_event: entry('registry changes', 'Sysmon events 12–14', ['DeviceRegistryEvents'], ['Event (Sysmon 12–14)'], ['Windows Registry Key Modification']),
  registry_rename: entry('registry renames', 'Sysmon event 14', ['DeviceRegistryEvents'], ['Event (Sysmon 14)'], ['Windows Registry Key Modification']),
  image_load: entry('DLL loads', 'Sysmon event 7', ['DeviceImageLoadEvents'], ['Event (Sysmon 7)'], ['Module Load']),
  driver_load: entry('driver loads', 'Sysmon event 6', ['DeviceEvents (DriverLoad)'], ['Event (Sysmon 6)'], ['Driver Load']),
  process_access: entry('process accesses', 'Sysmon event 10', ['DeviceEvents (OpenProcessApiCall)'], ['Event (Sysmon 10)'], ['Process Access']),
  create_remote_thread: entry('remote thread creations', 'Sysmon event 8', ['DeviceEvents (CreateRemoteThreadApiCall)'], ['Event (Sysmon 8)'], ['Process Modification']),
  pipe_created: entry('named pipe creations and connections', 'Sysmon events 17/18', ['DeviceEvents (NamedPipeEvent)'], ['Event (Sysmon 17, 18)'], ['Named Pipe Metadata']),
  dns_query: entry('DNS queries', 'Sysmon event 22', ['DeviceEvents (DnsQueryResponse)', 'DeviceNetworkEvents'], ['Event (Sysmon 22)', 'DnsEvents'], ['Network Traffic Content']),
  create_stream_hash: entry('alternate data stream creations', 'Sysmon event 15', ['DeviceFileEvents'], ['Event (Sysmon 15)'], ['File Creation']),
  raw_access_thread: entry('raw disk accesses', 'Sysmon event 9', ['DeviceEvents'], ['Event (Sysmon 9)'], ['Drive Access']),
  wmi_event: entry('WMI subscriptions', 'Sysmon events 19–21', ['DeviceEvents (WmiBindEventFilterToConsumer)'], ['Event (Sysmon 19–21)'], ['WMI Creation']),
  ps_script: entry('PowerShell script blocks', 'PowerShell 4104 (script block logging)', ['DeviceEvents (PowerShellCommand)'], ['Event (PowerShell 4104)'], ['Script Execution']),
  ps_module: entry('PowerShell module (pipeline) events', 'PowerShell 4103 (module logging)', ['DeviceEvents (PowerShellCommand)'], ['Event (PowerShell 4103)'], ['Script Execution']),
  ps_classic_start: entry('PowerShell engine starts', 'Windows PowerShell 400', [], ['Event (Windows PowerShell 400)'], ['Script Execution']),
  security: entry('Windows Security events', 'the Security event log (audit policy)', ['DeviceLogonEvents', 'DeviceEvents'], ['SecurityEvent'], ['User Account Authentication', 'Logon Session Creation']),
  system: entry('Windows System events', 'the System event log', [], ['Event (System log)'], ['Service Creation', 'OS API Execution']),
  application: entry('Windows Application events', 'the Application event log', [], ['Event (Application log)'], ['Application Log Content']),
  windefend: entry('Microsoft Defender Antivirus events', 'the Windows Defender operational log', ['DeviceEvents (Antivirus*)', 'AlertEvidence'], ['Event (Windows Defender)'], ['Application Log Content']),
  sysmon: entry('Sysmon events', 'Sysmon', ['DeviceProcessEvents', 'DeviceNetworkEvents'], ['Event (Sysmon)'], ['Process Creation']),
  firewall_as: entry('Windows Firewall changes', 'the Windows Firewall with Advanced Security log', ['DeviceEvents (FirewallRule*)'], ['Event (Firewall)'], ['Firewall Rule Modification']),
  'firewall-as': entry('Windows Firewall changes', 'the Windows Firewall with Advanced Security log', ['DeviceEvents (FirewallRule*)'], ['Event (Firewall)'], ['Firewall Rule Modification']),
  taskscheduler: entry('Task Scheduler events', 'the TaskScheduler operational log', ['DeviceEvents (ScheduledTask*)'], ['Event (TaskScheduler)'], ['Scheduled Job Creation']),
  bits_client: entry('BITS client events', 'the Bits-Client operational log', [], ['Event (Bits-Client)'], ['Network Connection Creation']),
};

/** Non-Windows log sources, by `product/category` or `product/service` (or a product or category alone). */
const OTHERS: Record<string, SigmaLogsourceInfo> = {
  'linux/process_creation': entry('process creations on Linux', 'auditd execve, Sysmon for Linux or EDR', ['DeviceProcessEvents'], ['Syslog (auditd)'], ['Process Creation']),
  'linux/network_connection': entry('network connections on Linux', 'Sysmon for Linux or EDR', ['DeviceNetworkEvents'], [], ['Network Connection Creation']),
  'linux/file_event': entry('file creations on Linux', 'Sysmon for Linux or EDR', ['DeviceFileEvents'], [], ['File Creation']),
  'linux/auditd': entry('auditd records', 'the Linux audit daemon', [], ['Syslog (auditd)'], ['Process Creation', 'File Modification']),
  linux: entry('Linux syslog messages', 'syslog', [], ['Syslog'], ['Application Log Content']),
  'macos/process_creation': entry('process creations on macOS', 'EDR (Endpoint Security framework)', ['DeviceProcessEvents'], [], ['Process Creation']),
  'macos/file_event': entry('file creations on macOS', 'EDR (Endpoint Security framework)', ['DeviceFileEvents'], [], ['File Creation']),
  'azure/signinlogs': entry('Entra ID sign-ins', 'Entra ID sign-in logs', [], ['SigninLogs', 'AADNonInteractiveUserSignInLogs'], ['User Account Authentication']),
  'azure/auditlogs': entry('Entra ID audit events', 'Entra ID audit logs', [], ['AuditLogs'], ['User Account Modification']),
  'azure/activitylogs': entry('Azure control-plane operations', 'the Azure Activity log', [], ['AzureActivity'], ['Cloud Service Modification']),
  'azure/riskdetection': entry('Entra ID risk detections', 'Entra ID Protection', [], ['AADUserRiskEvents'], ['User Account Authentication']),
  'azure/pim': entry('Privileged Identity Management events', 'Entra ID PIM', [], ['AuditLogs'], ['User Account Modification']),
  'm365/threat_management': entry('Microsoft 365 threat-management alerts', 'Microsoft 365 Defender', ['AlertInfo', 'AlertEvidence'], ['SecurityAlert'], ['Application Log Content']),
  'm365/exchange': entry('Exchange Online audit events', 'the Microsoft 365 unified audit log', ['CloudAppEvents'], ['OfficeActivity'], ['Application Log Content']),
  'aws/cloudtrail': entry('AWS API calls', 'AWS CloudTrail', [], ['AWSCloudTrail'], ['Cloud Service Modification']),
  'gcp/gcp.audit': entry('Google Cloud audit events', 'Cloud Audit Logs', [], ['GCPAuditLogs'], ['Cloud Service Modification']),
  'okta/okta': entry('Okta system-log events', 'the Okta System Log', [], ['Okta_CL / OktaSSO'], ['User Account Authentication']),
  'github/audit': entry('GitHub audit events', 'the GitHub audit log', [], ['GitHubAuditLogPolling_CL'], ['Application Log Content']),
  webserver: entry('web server requests', 'web server access logs', [], ['W3CIISLog', 'CommonSecurityLog'], ['Application Log Content']),
  proxy: entry('proxy requests', 'web proxy logs', [], ['CommonSecurityLog'], ['Network Traffic Content']),
  dns: entry('DNS queries', 'DNS server logs', ['DeviceNetworkEvents'], ['DnsEvents', 'ASimDnsActivityLogs'], ['Network Traffic Content']),
  firewall: entry('firewall connections', 'firewall logs', [], ['CommonSecurityLog'], ['Network Traffic Flow']),
  antivirus: entry('antivirus detections', 'antivirus products', ['AlertEvidence'], ['SecurityAlert'], ['Application Log Content']),
};

/** The mapping for a Sigma log source; null when none is documented for it. */
export function sigmaLogsourceInfo(ls: { product?: string; category?: string; service?: string }): SigmaLogsourceInfo | null {
  const product = ls.product?.toLowerCase();
  const category = ls.category?.toLowerCase();
  const service = ls.service?.toLowerCase();
  if (product === 'windows' || (!product && (category ?? service ?? '') in WINDOWS)) {
    const hit = (category && WINDOWS[category]) || (service && WINDOWS[service]);
    if (hit) return hit;
  }
  for (const key of [`${product}/${category}`, `${product}/${service}`, product, category, service]) {
    if (key && OTHERS[key]) return OTHERS[key]!;
  }
  return null;
}

/** Every mapped log source key with its entry (the doc table is generated from this in a test). */
export function sigmaLogsourceTable(): [string, SigmaLogsourceInfo][] {
  return [...Object.entries(WINDOWS).map(([k, v]) => [`windows/${k}`, v] as [string, SigmaLogsourceInfo]), ...Object.entries(OTHERS)];
}
