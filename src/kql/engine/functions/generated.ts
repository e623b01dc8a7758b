import { randomUUID } from 'node:crypto';
import type { DynamicValue } from '../values.js';
import { CsvParser } from '../../io/from-csv.js';
import { defineFunction, type ScalarFunction } from './context.js';
import { textArg } from './text.js';

/**
 * new_guid (a random v4 GUID per call), parse_csv (one CSV record → array of fields, RFC 4180
 * quoting) and ingestion_time (null: local files carry no ingestion time).
 */
export const generatedFunctions: ScalarFunction[] = [
  ...defineFunction('new_guid', () => randomUUID()),
  ...defineFunction('parse_csv', (args, ctx) => {
    let fields: DynamicValue[] = [];
    const parser = new CsvParser((record) => {
      if (fields.length === 0) fields = record;
    });
    parser.push(textArg(args, 0, ctx));
    parser.end();
    return fields;
  }),
  ...defineFunction('ingestion_time', () => null),
];
