/** The column name a pivoted value gives: the value as tostring() prints it (null: no column). */
import { scalarFunctions } from '../functions/registry.js';
import type { KqlType, KqlValue } from '../values.js';

/** tostring(value) for a value of the given type; '' for null. */
export function pivotName(value: KqlValue, type: KqlType): string {
  if (value === null) return '';
  const text = scalarFunctions.get('tostring')!.call([value], { now: 0, argTypes: [type] });
  return typeof text === 'string' ? text : '';
}
