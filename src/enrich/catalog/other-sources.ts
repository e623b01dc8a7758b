/**
 * Elastic event categories and index patterns, and Splunk CIM data models: what their events
 * are, which product and integration fill them, and the ATT&CK data components.
 */

export interface SourceInfo {
  rows: string;
  product: string;
  connector: string;
  dataComponents: string[];
}

/** ECS `event.category` values as EQL event types. */
export const EQL_CATEGORIES: Record<string, SourceInfo> = {
  process: { rows: 'process events', product: 'Elastic Defend or Sysmon via Winlogbeat', connector: 'Elastic Defend / Windows integrations', dataComponents: ['Process Creation'] },
  network: { rows: 'network events', product: 'Elastic Defend, Packetbeat or network integrations', connector: 'Elastic Defend / Network Packet Capture', dataComponents: ['Network Connection Creation', 'Network Traffic Flow'] },
  file: { rows: 'file events', product: 'Elastic Defend or Sysmon', connector: 'Elastic Defend / Windows integrations', dataComponents: ['File Creation', 'File Modification', 'File Deletion'] },
  registry: { rows: 'registry events', product: 'Elastic Defend or Sysmon', connector: 'Elastic Defend / Windows integrations', dataComponents: ['Windows Registry Key Modification', 'Windows Registry Key Creation'] },
  library: { rows: 'library loads', product: 'Elastic Defend or Sysmon', connector: 'Elastic Defend', dataComponents: ['Module Load'] },
  dns: { rows: 'DNS events', product: 'Elastic Defend or Packetbeat', connector: 'Elastic Defend / Network Packet Capture', dataComponents: ['Network Traffic Content'] },
  authentication: { rows: 'authentication events', product: 'Windows Security log, system auth logs or identity providers', connector: 'Windows / System / identity integrations', dataComponents: ['User Account Authentication'] },
  iam: { rows: 'identity and access events', product: 'Windows Security log or cloud audit logs', connector: 'Windows / cloud integrations', dataComponents: ['User Account Modification'] },
  api: { rows: 'API call events', product: 'Elastic Defend (Windows API events)', connector: 'Elastic Defend', dataComponents: ['OS API Execution'] },
  any: { rows: 'events of any category', product: 'the indices listed', connector: 'the integrations listed', dataComponents: [] },
};

/** Splunk CIM data models (dataset names as `tstats` writes them). */
export const SPLUNK_DATAMODELS: Record<string, SourceInfo> = {
  'Endpoint.Processes': { rows: 'process executions', product: 'EDR or Sysmon (CIM Endpoint)', connector: 'add-ons mapping to the CIM Endpoint data model (Sysmon, CrowdStrike, Defender …)', dataComponents: ['Process Creation'] },
  'Endpoint.Filesystem': { rows: 'file-system events', product: 'EDR or Sysmon (CIM Endpoint)', connector: 'add-ons mapping to the CIM Endpoint data model', dataComponents: ['File Creation', 'File Modification'] },
  'Endpoint.Registry': { rows: 'registry events', product: 'EDR or Sysmon (CIM Endpoint)', connector: 'add-ons mapping to the CIM Endpoint data model', dataComponents: ['Windows Registry Key Modification'] },
  'Endpoint.Services': { rows: 'service changes', product: 'Windows event logs (CIM Endpoint)', connector: 'Splunk Add-on for Microsoft Windows', dataComponents: ['Service Creation'] },
  'Network_Traffic.All_Traffic': { rows: 'network flows', product: 'firewalls and network sensors (CIM Network Traffic)', connector: 'add-ons mapping to the CIM Network Traffic data model', dataComponents: ['Network Traffic Flow', 'Network Connection Creation'] },
  'Network_Resolution.DNS': { rows: 'DNS resolutions', product: 'DNS servers and sensors (CIM Network Resolution)', connector: 'add-ons mapping to the CIM Network Resolution data model', dataComponents: ['Network Traffic Content'] },
  'Authentication.Authentication': { rows: 'authentications', product: 'identity sources (CIM Authentication)', connector: 'add-ons mapping to the CIM Authentication data model', dataComponents: ['User Account Authentication'] },
  'Web.Web': { rows: 'web requests', product: 'proxies and web servers (CIM Web)', connector: 'add-ons mapping to the CIM Web data model', dataComponents: ['Network Traffic Content'] },
  'Change.All_Changes': { rows: 'configuration and account changes', product: 'various (CIM Change)', connector: 'add-ons mapping to the CIM Change data model', dataComponents: ['User Account Modification'] },
  'Risk.All_Risk': { rows: 'risk events', product: 'Splunk Enterprise Security risk framework', connector: 'Enterprise Security', dataComponents: [] },
};

/** The info of a Splunk data model by its full dataset name or its first part (`Endpoint.Processes` or `Endpoint`). */
export function splunkDatamodelInfo(name: string): SourceInfo | null {
  if (SPLUNK_DATAMODELS[name]) return SPLUNK_DATAMODELS[name]!;
  const root = name.split('.')[0];
  return Object.entries(SPLUNK_DATAMODELS).find(([k]) => k.split('.')[0] === root)?.[1] ?? null;
}
