/**
 * Child element order and required children of the manifest schemas: one transcription, in
 * scripts/manifest-check.js, which npm run validate uses too.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rules = require("../../scripts/manifest-check.js") as { CHILD_ORDER: Record<string, string[]>; REQUIRED_CHILDREN: Record<string, string[]> };

export const CHILD_ORDER = rules.CHILD_ORDER;
export const REQUIRED_CHILDREN = rules.REQUIRED_CHILDREN;
