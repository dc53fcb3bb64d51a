/**
 * The description layer moved to ../description; imports.ts (owned by the transport split) still
 * imports these from here until its paths are updated at merge.
 */
export { operation } from '../description/operations';
export type { ResourceSpec } from '../description/resource';
