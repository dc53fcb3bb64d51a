/**
 * The description layer moved to ../description; files.ts and imports.ts (owned by the transport
 * split) still import these from here until their paths are updated at merge.
 */
export { filtersProperty } from '../description/fields';
export type { FieldSpec } from '../description/fields';
