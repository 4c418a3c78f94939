// Writes the JSON Schemas of the reports' and of `isms diff` and `isms history`'s JSON output into docs/schemas/, from the zod schemas
// the generators are typed by, and the schema of the project file isms.json, from the zod schema it is read with (run after `tsc`;
// a test checks that the files are up to date).
import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { projectFileSchema } from '../out/language/config/project-file.js';
import { HISTORY_JSON_SCHEMAS } from '../out/language/history/model-diff-schema.js';
import { REPORT_JSON_SCHEMAS } from '../out/language/reports/report-schemas.js';

const folder = new URL('../docs/schemas/', import.meta.url);
mkdirSync(folder, { recursive: true });
// The project file is what users write: its schema describes the input, with the defaults left out.
for (const [name, schema] of Object.entries({ ...REPORT_JSON_SCHEMAS, ...HISTORY_JSON_SCHEMAS, 'isms-project': projectFileSchema })) {
    const jsonSchema = { $id: `${name}.schema.json`, title: name, ...z.toJSONSchema(schema) };
    writeFileSync(new URL(`${name}.schema.json`, folder), JSON.stringify(jsonSchema, null, 2) + '\n');
}
