/** Links to attack.mitre.org pages, in the trailing-slash form the site itself uses. */

const SITE = 'https://attack.mitre.org';

/** A link builder for one section of the site: `page('groups')('G0016')` → `…/groups/G0016/`. */
function page(section: string): (id: string) => string {
  return (id) => `${SITE}/${section}/${id}/`;
}

/** `T1059.001` → `https://attack.mitre.org/techniques/T1059/001/` (sub-techniques get their own path segment). */
export function techniqueUrl(id: string): string {
  return `${SITE}/techniques/${id.replace('.', '/')}/`;
}

/** `TA0011` → `https://attack.mitre.org/tactics/TA0011/`. */
export const tacticUrl = page('tactics');
/** `M1042` → `https://attack.mitre.org/mitigations/M1042/`. */
export const mitigationUrl = page('mitigations');
/** `G0016` → `https://attack.mitre.org/groups/G0016/`. */
export const groupUrl = page('groups');
/** `S0154` → `https://attack.mitre.org/software/S0154/`. */
export const softwareUrl = page('software');
/** `DC0082` → `https://attack.mitre.org/datacomponents/DC0082/`. */
export const dataComponentUrl = page('datacomponents');
/** `DET0496` → `https://attack.mitre.org/detectionstrategies/DET0496/`. */
export const detectionStrategyUrl = page('detectionstrategies');
