/**
 * False-positive guidance tied to a technique: the legitimate activity that looks the same,
 * and which kind of column separates it. Written for the parent techniques the corpus maps
 * most often; others fall back to ATT&CK's own tunable analytic elements.
 */

/** Which column kind a tuning allow-lists. */
export type TuningTarget = 'host' | 'process' | 'user' | 'destination' | 'parent' | 'hash' | 'command';

export interface TechniqueGuidance {
  /** The legitimate look-alike activity. */
  text: string;
  /** What to allow-list. */
  target: TuningTarget;
  /** With what, in words (`the devices IT manages with it`). */
  by: string;
}

export const TECHNIQUE_GUIDANCE: Readonly<Record<string, TechniqueGuidance>> = {
  T1219: { text: 'IT and managed-service providers use remote-access and RMM tools legitimately; an approved deployment produces exactly this activity.', target: 'host', by: 'the devices your IT or MSP manages with the sanctioned tool' },
  T1059: { text: 'Administrators, software installers and management agents run command and script interpreters every day.', target: 'parent', by: 'the management agents and deployment tools (SCCM, Intune, Ansible) that launch them' },
  T1218: { text: 'Signed system binaries are proxies for normal Windows operations (installers, Control Panel items, COM registration).', target: 'parent', by: 'the installers and update services that call them' },
  T1078: { text: 'Valid-account activity is mostly legitimate: travel, new devices, VPN egress points and service accounts look unusual.', target: 'user', by: 'service accounts and the known egress ranges of your VPN and offices' },
  T1562: { text: 'Administrators and security tools themselves change security settings during upgrades and troubleshooting.', target: 'user', by: 'the admin accounts and security-tool processes that manage these settings' },
  T1098: { text: 'Account and permission changes are daily identity-admin work (onboarding, role changes, app registrations).', target: 'user', by: 'the identity administrators and provisioning service principals' },
  T1003: { text: 'Backup, EDR and crash-dump tools read process memory or credential stores legitimately.', target: 'process', by: 'the backup and security products that touch LSASS or credential stores' },
  T1548: { text: 'Installers and IT tools elevate privileges as part of normal deployment.', target: 'process', by: 'the signed installers and management agents that elevate' },
  T1021: { text: 'Administrators use remote services (RDP, SMB, WinRM, SSH) to manage machines.', target: 'user', by: 'admin accounts and jump hosts' },
  T1574: { text: 'Software updates and side-by-side installs legitimately place DLLs and change search paths.', target: 'hash', by: 'the signed DLLs your software vendors ship' },
  T1190: { text: 'Vulnerability scanners and penetration tests send the same exploit-shaped requests.', target: 'destination', by: 'your scanners\u2019 source addresses' },
  T1036: { text: 'Some vendors ship binaries with names or paths that look like masquerading.', target: 'hash', by: 'the hashes or signers of those vendor binaries' },
  T1110: { text: 'Users mistyping passwords, expired credentials in scripts and misconfigured services produce bursts of failures.', target: 'user', by: 'service accounts with known stale credentials (fix them) and test accounts' },
  T1552: { text: 'Configuration tools and developers read files and registry keys that hold credentials.', target: 'process', by: 'the configuration-management tools that read them' },
  T1566: { text: 'Marketing mail, newsletters and file-sharing notifications resemble phishing.', target: 'destination', by: 'the sender domains of known bulk-mail providers' },
  T1543: { text: 'Software installations create and modify services and daemons.', target: 'process', by: 'installers and the services of your approved software' },
  T1071: { text: 'Normal applications talk HTTP, DNS and other application protocols to the same kinds of destinations.', target: 'destination', by: 'the destinations of sanctioned applications' },
  T1053: { text: 'Scheduled tasks, cron jobs and launchd items are how software schedules updates.', target: 'process', by: 'the task names and binaries of your approved software' },
  T1546: { text: 'Software registers event-triggered handlers (WMI subscriptions, profile scripts, accessibility features) on install.', target: 'process', by: 'the installers and agents that register them' },
  T1547: { text: 'Legitimate software adds itself to autostart locations (Run keys, login items, startup folders).', target: 'process', by: 'the binaries of your approved software' },
  T1204: { text: 'Users open documents and run downloaded installers as part of their work.', target: 'process', by: 'the document workflows and software portals you sanction' },
  T1027: { text: 'Packers, installers and some management scripts encode or compress content legitimately.', target: 'hash', by: 'the hashes of known packed vendor binaries and signed scripts' },
  T1112: { text: 'Software installs and group policy change the registry constantly.', target: 'process', by: 'the installers and policy agents that write these keys' },
  T1087: { text: 'IT tools and administrators enumerate accounts for inventory and audits.', target: 'user', by: 'the inventory and audit tools\u2019 accounts' },
  T1105: { text: 'Package managers, updaters and administrators download tools and files.', target: 'destination', by: 'your software repositories and update servers' },
  T1070: { text: 'Log rotation and cleanup scripts delete logs and files.', target: 'process', by: 'the maintenance scripts and their accounts' },
  T1136: { text: 'Account creation is normal onboarding work.', target: 'user', by: 'the provisioning accounts and HR-driven workflows' },
  T1069: { text: 'Administrators and inventory tools list groups and memberships.', target: 'user', by: 'the admin and inventory accounts' },
  T1550: { text: 'Single sign-on, Kerberos delegation and token refresh reuse credentials legitimately.', target: 'user', by: 'service accounts configured for delegation' },
  T1505: { text: 'Web application deployments add server-side files and modules.', target: 'process', by: 'your deployment pipeline\u2019s accounts and paths' },
  T1055: { text: 'Security products, debuggers and accessibility tools inject into other processes.', target: 'process', by: 'the security and accessibility products that inject' },
  T1564: { text: 'Some applications hide files, windows or accounts by design.', target: 'process', by: 'the applications that do so' },
  T1556: { text: 'Identity administrators change authentication settings (MFA methods, federation) during normal work.', target: 'user', by: 'the identity administrators' },
  T1068: { text: 'Vulnerability scanners and driver updates can look like exploitation.', target: 'process', by: 'the scanner and the updating installers' },
  T1569: { text: 'Software deployment tools create and start services remotely.', target: 'parent', by: 'the deployment tools that launch services' },
  T1047: { text: 'Management agents (SCCM, monitoring tools) use WMI all the time.', target: 'parent', by: 'the management agents that call WMI' },
  T1134: { text: 'Services and installers adjust access tokens as part of normal operation.', target: 'process', by: 'the system services that do so' },
  T1485: { text: 'Data lifecycle jobs and decommissioning delete data legitimately.', target: 'user', by: 'the accounts of those jobs' },
  T1555: { text: 'Browsers, password managers and backup tools read credential stores.', target: 'process', by: 'the browsers and password managers in use' },
  T1484: { text: 'Group-policy and domain-trust changes are domain-admin work.', target: 'user', by: 'the domain administrators' },
  T1567: { text: 'Users legitimately upload to cloud storage and collaboration services.', target: 'destination', by: 'the sanctioned cloud services' },
  T1114: { text: 'Mail migrations, e-discovery and delegated mailboxes access mail in bulk.', target: 'user', by: 'the migration and e-discovery accounts' },
  T1133: { text: 'Remote workers use VPN and other external remote services every day.', target: 'user', by: 'the expected user and location combinations' },
  T1558: { text: 'Kerberos ticket requests are routine; older clients request RC4 tickets legitimately.', target: 'host', by: 'the legacy hosts that still need RC4' },
};

/** The guidance for a technique or its parent; undefined when none is written. */
export function techniqueGuidance(id: string): TechniqueGuidance | undefined {
  return TECHNIQUE_GUIDANCE[id] ?? TECHNIQUE_GUIDANCE[id.split('.')[0]!];
}
