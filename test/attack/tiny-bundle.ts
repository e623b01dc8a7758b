// A hand-written STIX bundle exercising the edge cases the real bundle has few or none of.

/** `mitre-attack` external reference for an ATT&CK id. */
function ref(id: string): { external_references: { source_name: string; external_id: string }[] } {
  return { external_references: [{ source_name: 'mitre-attack', external_id: id }] };
}

function rel(type: string, source: string, target: string, extra: object = {}): object {
  return { type: 'relationship', id: `relationship--${source}-${type}-${target}`, relationship_type: type, source_ref: source, target_ref: target, ...extra };
}

const ENT = { x_mitre_domains: ['enterprise-attack'] };

/** The fixture: two tactics listed in the matrix in reverse id order, a third left out of it. */
export function tinyBundle(): { type: string; id: string; objects: object[] } {
  return {
    type: 'bundle',
    id: 'bundle--tiny',
    objects: [
      { type: 'x-mitre-collection', id: 'x-mitre-collection--1', x_mitre_version: '99.2', modified: '2030-01-01T00:00:00.000Z' },
      { type: 'x-mitre-matrix', id: 'x-mitre-matrix--ics', ...ref('ics-attack'), tactic_refs: ['x-mitre-tactic--ics'] },
      { type: 'x-mitre-matrix', id: 'x-mitre-matrix--ent', ...ref('enterprise-attack'), tactic_refs: ['x-mitre-tactic--b', 'x-mitre-tactic--a', 'x-mitre-tactic--missing'] },
      { type: 'x-mitre-tactic', id: 'x-mitre-tactic--a', ...ref('TA0002'), ...ENT, name: 'Execution', x_mitre_shortname: 'execution', description: 'Run.' },
      { type: 'x-mitre-tactic', id: 'x-mitre-tactic--b', ...ref('TA0005'), ...ENT, name: 'Stealth', x_mitre_shortname: 'stealth', description: 'Hide.' },
      { type: 'x-mitre-tactic', id: 'x-mitre-tactic--c', ...ref('TA0099'), ...ENT, name: 'Not In Matrix', x_mitre_shortname: 'not-in-matrix' },
      { type: 'x-mitre-tactic', id: 'x-mitre-tactic--ics', ...ref('TA0106'), x_mitre_domains: ['ics-attack'], name: 'Impair Process Control', x_mitre_shortname: 'impair-process-control' },
      {
        type: 'attack-pattern', id: 'attack-pattern--parent', ...ref('T1000'), ...ENT, name: 'Zeta Parent',
        // Two phases listed against matrix order, one from another kill chain.
        kill_chain_phases: [
          { kill_chain_name: 'mitre-attack', phase_name: 'execution' },
          { kill_chain_name: 'mitre-attack', phase_name: 'stealth' },
          { kill_chain_name: 'other-chain', phase_name: 'impact' },
        ],
        description: 'First (Citation: A)(Citation: B) sentence.(Citation: C)\n\nSecond paragraph.',
        x_mitre_detection: '  Watch processes.  ',
        x_mitre_platforms: ['Windows'],
      },
      { type: 'attack-pattern', id: 'attack-pattern--alpha', ...ref('T1001'), ...ENT, name: 'Alpha', kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }], description: '' },
      { type: 'attack-pattern', id: 'attack-pattern--sub1', ...ref('T1000.001'), ...ENT, name: 'Sub One', x_mitre_is_subtechnique: true, kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }], description: '(Citation: Lead)\n\n  Real start.' },
      { type: 'attack-pattern', id: 'attack-pattern--sub2', ...ref('T1000.002'), ...ENT, name: 'Sub Two', x_mitre_is_subtechnique: true, x_mitre_deprecated: true, description: 'Old.' },
      { type: 'attack-pattern', id: 'attack-pattern--old', ...ref('T1002'), ...ENT, name: 'Old Name', revoked: true, kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }] },
      { type: 'attack-pattern', id: 'attack-pattern--older', ...ref('T1003'), ...ENT, name: 'Older Name', revoked: true },
      { type: 'attack-pattern', id: 'attack-pattern--cycle-a', ...ref('T1004'), ...ENT, name: 'Cycle A', revoked: true },
      { type: 'attack-pattern', id: 'attack-pattern--cycle-b', ...ref('T1005'), ...ENT, name: 'Cycle B', revoked: true },
      { type: 'attack-pattern', id: 'attack-pattern--mobile', ...ref('T1400'), x_mitre_domains: ['mobile-attack'], name: 'Mobile Only', kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }] },
      { type: 'attack-pattern', id: 'attack-pattern--noid', ...ENT, name: 'No ATT&CK id' },
      rel('subtechnique-of', 'attack-pattern--sub1', 'attack-pattern--parent'),
      rel('subtechnique-of', 'attack-pattern--sub2', 'attack-pattern--parent'),
      rel('revoked-by', 'attack-pattern--old', 'attack-pattern--sub1'),
      rel('revoked-by', 'attack-pattern--older', 'attack-pattern--old'),
      rel('revoked-by', 'attack-pattern--cycle-a', 'attack-pattern--cycle-b'),
      rel('revoked-by', 'attack-pattern--cycle-b', 'attack-pattern--cycle-a'),
      { type: 'course-of-action', id: 'course-of-action--m2', ...ref('M1002'), ...ENT, name: 'Block It', description: 'Block (Citation: X) it.\n\nMore.' },
      { type: 'course-of-action', id: 'course-of-action--m1', ...ref('M1001'), ...ENT, name: 'Audit', description: 'Audit.' },
      { type: 'course-of-action', id: 'course-of-action--gone', ...ref('M1003'), ...ENT, name: 'Gone', x_mitre_deprecated: true },
      rel('mitigates', 'course-of-action--m2', 'attack-pattern--parent'),
      rel('mitigates', 'course-of-action--m1', 'attack-pattern--parent'),
      rel('mitigates', 'course-of-action--m1', 'attack-pattern--parent', { id: 'relationship--dup' }),
      rel('mitigates', 'course-of-action--gone', 'attack-pattern--parent'),
      { type: 'intrusion-set', id: 'intrusion-set--z', ...ref('G0002'), ...ENT, name: 'Zebra Team' },
      { type: 'intrusion-set', id: 'intrusion-set--a', ...ref('G0001'), ...ENT, name: 'Aardvark' },
      { type: 'intrusion-set', id: 'intrusion-set--rev', ...ref('G0003'), ...ENT, name: 'Revoked Group', revoked: true },
      { type: 'intrusion-set', id: 'intrusion-set--dep-rel', ...ref('G0004'), ...ENT, name: 'Via Deprecated Relationship' },
      { type: 'malware', id: 'malware--1', ...ref('S0001'), ...ENT, name: 'Wormy' },
      { type: 'tool', id: 'tool--1', ...ref('S0002'), ...ENT, name: 'Admin Tool' },
      { type: 'campaign', id: 'campaign--1', ...ref('C0001'), ...ENT, name: 'Campaign' },
      rel('uses', 'intrusion-set--z', 'attack-pattern--parent'),
      rel('uses', 'intrusion-set--a', 'attack-pattern--parent'),
      rel('uses', 'intrusion-set--rev', 'attack-pattern--parent'),
      rel('uses', 'intrusion-set--dep-rel', 'attack-pattern--parent', { x_mitre_deprecated: true }),
      rel('uses', 'malware--1', 'attack-pattern--parent'),
      rel('uses', 'tool--1', 'attack-pattern--parent'),
      rel('uses', 'campaign--1', 'attack-pattern--parent'),
      { type: 'x-mitre-data-component', id: 'x-mitre-data-component--pc', ...ref('DC0032'), name: 'Process Creation' },
      {
        type: 'x-mitre-detection-strategy', id: 'x-mitre-detection-strategy--2', ...ref('DET0002'), name: 'Second',
        x_mitre_analytic_refs: ['x-mitre-analytic--1', 'x-mitre-analytic--missing', 'x-mitre-analytic--revoked'],
      },
      { type: 'x-mitre-detection-strategy', id: 'x-mitre-detection-strategy--1', ...ref('DET0001'), name: 'First', x_mitre_analytic_refs: [] },
      { type: 'x-mitre-detection-strategy', id: 'x-mitre-detection-strategy--dep', ...ref('DET0003'), name: 'Deprecated', x_mitre_deprecated: true, x_mitre_analytic_refs: [] },
      {
        type: 'x-mitre-analytic', id: 'x-mitre-analytic--1', ...ref('AN0001'), name: 'Analytic 1', description: 'Look.',
        x_mitre_platforms: ['Windows', 'Linux'],
        x_mitre_log_source_references: [
          { x_mitre_data_component_ref: 'x-mitre-data-component--pc', name: 'WinEventLog:Sysmon', channel: 'EventCode=1' },
          { x_mitre_data_component_ref: 'x-mitre-data-component--pc', name: 'auditd:SYSCALL', channel: 'execve' },
          { x_mitre_data_component_ref: 'x-mitre-data-component--absent', name: 'custom:log' },
        ],
        x_mitre_mutable_elements: [{ field: 'TimeWindow', description: 'How long.' }],
      },
      { type: 'x-mitre-analytic', id: 'x-mitre-analytic--revoked', ...ref('AN0002'), name: 'Analytic 2', revoked: true },
      rel('detects', 'x-mitre-detection-strategy--2', 'attack-pattern--parent'),
      rel('detects', 'x-mitre-detection-strategy--1', 'attack-pattern--parent'),
      rel('detects', 'x-mitre-detection-strategy--dep', 'attack-pattern--parent'),
    ],
  };
}
