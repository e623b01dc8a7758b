/**
 * The configuration used when no file exists: the public repositories over git, and ATT&CK
 * from mitre-attack/attack-stix-data. Kept as plain JSON so it reads like a config file.
 */
export const DEFAULT_CONFIG_JSON = {
  sources: [
    {
      name: 'Azure-Sentinel',
      format: 'sentinel',
      git: 'https://github.com/Azure/Azure-Sentinel.git',
      repo: 'https://github.com/Azure/Azure-Sentinel',
      ref: 'master',
      paths: ['Hunting Queries/**', 'Detections/**', 'Solutions/*/Analytic Rules/**', 'Solutions/*/Hunting Queries/**'],
      tags: ['microsoft', 'official'],
    },
    {
      name: 'SigmaHQ',
      format: 'sigma',
      git: 'https://github.com/SigmaHQ/sigma.git',
      repo: 'https://github.com/SigmaHQ/sigma',
      ref: 'master',
      paths: ['rules*/**'],
      tags: ['sigmahq', 'community'],
    },
    {
      name: 'Elastic',
      format: 'elastic',
      git: 'https://github.com/elastic/detection-rules.git',
      repo: 'https://github.com/elastic/detection-rules',
      ref: 'main',
      paths: ['rules/**', 'hunting/**'],
      tags: ['elastic', 'official'],
    },
    {
      name: 'Splunk',
      format: 'splunk',
      git: 'https://github.com/splunk/security_content.git',
      repo: 'https://github.com/splunk/security_content',
      ref: 'develop',
      paths: ['detections/**'],
      tags: ['splunk', 'official'],
    },
  ],
  attack: 'https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/enterprise-attack/enterprise-attack.json',
  db: '.socfeed/catalog.db',
};
