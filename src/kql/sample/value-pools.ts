/** The realistic value pools synthetic telemetry draws from. */

export interface ProcessInfo {
  name: string;
  folder: string;
  company: string;
  product: string;
  args: string[];
}

const WIN = 'C:\\Windows\\System32';
const PF = 'C:\\Program Files';

export const PROCESSES: readonly ProcessInfo[] = [
  { name: 'powershell.exe', folder: `${WIN}\\WindowsPowerShell\\v1.0`, company: 'Microsoft Corporation', product: 'Microsoft® Windows® Operating System', args: ['-NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\inventory.ps1', '-enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=', '-Command Get-Service'] },
  { name: 'cmd.exe', folder: WIN, company: 'Microsoft Corporation', product: 'Microsoft® Windows® Operating System', args: ['/c whoami', '/c ipconfig /all', '/c dir C:\\Users'] },
  { name: 'svchost.exe', folder: WIN, company: 'Microsoft Corporation', product: 'Microsoft® Windows® Operating System', args: ['-k netsvcs -p', '-k LocalService'] },
  { name: 'chrome.exe', folder: `${PF}\\Google\\Chrome\\Application`, company: 'Google LLC', product: 'Google Chrome', args: ['--type=renderer', ''] },
  { name: 'msedge.exe', folder: `${PF} (x86)\\Microsoft\\Edge\\Application`, company: 'Microsoft Corporation', product: 'Microsoft Edge', args: ['--single-argument https://portal.office.com', ''] },
  { name: 'explorer.exe', folder: 'C:\\Windows', company: 'Microsoft Corporation', product: 'Microsoft® Windows® Operating System', args: [''] },
  { name: 'rundll32.exe', folder: WIN, company: 'Microsoft Corporation', product: 'Microsoft® Windows® Operating System', args: ['shell32.dll,Control_RunDLL', 'C:\\Users\\Public\\lib.dll,Start'] },
  { name: 'OUTLOOK.EXE', folder: `${PF}\\Microsoft Office\\root\\Office16`, company: 'Microsoft Corporation', product: 'Microsoft Outlook', args: [''] },
  { name: 'Teams.exe', folder: 'C:\\Users\\jdoe\\AppData\\Local\\Microsoft\\Teams\\current', company: 'Microsoft Corporation', product: 'Microsoft Teams', args: ['--system-initiated'] },
  { name: 'MsMpEng.exe', folder: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0', company: 'Microsoft Corporation', product: 'Microsoft Malware Protection', args: [''] },
  { name: 'AnyDesk.exe', folder: `${PF} (x86)\\AnyDesk`, company: 'AnyDesk Software GmbH', product: 'AnyDesk', args: ['--service', '--control'] },
  { name: 'TeamViewer.exe', folder: `${PF}\\TeamViewer`, company: 'TeamViewer Germany GmbH', product: 'TeamViewer', args: [''] },
  { name: 'ScreenConnect.ClientService.exe', folder: `${PF} (x86)\\ScreenConnect Client`, company: 'ConnectWise, LLC', product: 'ScreenConnect', args: ['?e=Access&y=Guest&h=instance-relay.screenconnect.com'] },
  { name: 'go-agent', folder: '/Library/Addigy', company: '', product: '', args: [''] },
  { name: 'curl', folder: '/usr/bin', company: '', product: '', args: ['-s https://example.org/install.sh'] },
  { name: 'python3', folder: '/usr/bin', company: '', product: '', args: ['-m http.server 8000', 'script.py'] },
];

export const DOMAINS: readonly string[] = [
  'login.microsoftonline.com',
  'graph.microsoft.com',
  'outlook.office365.com',
  'settings-win.data.microsoft.com',
  'www.google.com',
  'update.googleapis.com',
  'github.com',
  'raw.githubusercontent.com',
  'slack.com',
  'zoom.us',
  'prod.addigy.com',
  'agents.addigy.com',
  'relay.anydesk.com',
  'boot.net.anydesk.com',
  'router1.teamviewer.com',
  'instance-relay.screenconnect.com',
  'api.ipify.org',
  'pastebin.com',
  'cdn.discordapp.com',
  'corp.example',
  'intranet.corp.example',
];

export const USERS: readonly string[] = ['jdoe', 'asmith', 'mchen', 'lgarcia', 'pkumar', 'svc_backup', 'svc_sql', 'administrator', 'system'];

export const PORTS: readonly number[] = [443, 443, 443, 443, 80, 80, 53, 22, 3389, 445, 135, 8080, 8443, 5938, 7070];

export const ACTION_TYPES: Record<string, readonly string[]> = {
  DeviceNetworkEvents: ['ConnectionSuccess', 'ConnectionSuccess', 'ConnectionSuccess', 'ConnectionFailed', 'ConnectionRequest', 'InboundConnectionAccepted', 'ListeningConnectionCreated'],
  DeviceProcessEvents: ['ProcessCreated'],
  DeviceFileEvents: ['FileCreated', 'FileModified', 'FileDeleted', 'FileRenamed'],
  DeviceRegistryEvents: ['RegistryValueSet', 'RegistryKeyCreated', 'RegistryKeyDeleted'],
  DeviceLogonEvents: ['LogonSuccess', 'LogonSuccess', 'LogonFailed'],
  DeviceImageLoadEvents: ['ImageLoaded'],
  DeviceEvents: ['AntivirusDetection', 'PowerShellCommand', 'DnsQueryResponse', 'ScheduledTaskCreated', 'UsbDriveMounted', 'ProcessCreatedUsingWmiQuery'],
  IdentityLogonEvents: ['LogonSuccess', 'LogonFailed'],
  IdentityDirectoryEvents: ['Account Password changed', 'Group Membership changed'],
  IdentityQueryEvents: ['DNS query', 'LDAP query', 'SAMR query'],
  CloudAppEvents: ['FileDownloaded', 'MailItemsAccessed', 'Add member to role.'],
};

export const GENERIC_ACTIONS: readonly string[] = ['Created', 'Modified', 'Deleted', 'Accessed'];

export const EVENT_IDS: readonly number[] = [4624, 4624, 4625, 4688, 4672, 4720, 4732, 7045, 1102];
