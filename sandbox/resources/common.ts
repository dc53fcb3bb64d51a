/** Small helpers shared by family definitions: reference checks, grouping for summaries, seed words. */
import { validationFailed } from '../problems';
import type { FieldSpec } from './fields';
import { INT32 } from './fields';
import { toCents } from './money';
import type { FamilyStore, Row } from './types';

/**
 * 422 unless every named id field that is set refers to a live record of `family` in the tenant.
 * (The API answers a dangling reference as a field error; the sandbox checks the references a
 * record cannot exist without: a lead's stage, a change order's or pay app's project.)
 */
export function requireRefs(
	store: FamilyStore,
	tenantId: number,
	values: Record<string, unknown>,
	refs: Record<string, string>,
): void {
	const errors = [];
	for (const [field, family] of Object.entries(refs)) {
		const id = values[field];
		if (typeof id !== 'number') continue;
		if (!store.table(family, tenantId).getLive(id)) {
			const noun = store.def(family).nouns.singular;
			errors.push({
				field,
				code: 'not_found',
				message: `${noun} ${id} does not exist in this tenant.`,
			});
		}
	}
	if (errors.length) throw validationFailed(errors);
}

export interface Bucket {
	count: number;
	cents: number[];
}

/** Groups rows by key (keys listed first keep their order, even at zero) and sums money fields. */
export function groupRows(
	rows: Row[],
	key: (r: Row) => unknown,
	money: Array<(r: Row) => unknown>,
	initial: readonly unknown[] = [],
): Map<unknown, Bucket> {
	const groups = new Map<unknown, Bucket>(
		initial.map((k) => [k, { count: 0, cents: money.map(() => 0) }]),
	);
	for (const row of rows) {
		const k = key(row);
		let bucket = groups.get(k);
		if (!bucket) groups.set(k, (bucket = { count: 0, cents: money.map(() => 0) }));
		bucket.count++;
		money.forEach((m, i) => (bucket!.cents[i] += toCents(m(row))));
	}
	return groups;
}

export const sumCents = (rows: Row[], value: (r: Row) => unknown) =>
	rows.reduce((sum, r) => sum + toCents(value(r)), 0);

/** Common field specs. */
export const str = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	name,
	type: 'string',
	nullable: true,
	...extra,
});
export const int = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	name,
	type: 'integer',
	nullable: true,
	...INT32,
	...extra,
});
export const dec = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	name,
	type: 'decimal',
	nullable: true,
	...extra,
});
export const date = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	name,
	type: 'datetime',
	nullable: true,
	...extra,
});
export const siteFields = (): FieldSpec[] => [
	str('siteAddress'),
	str('siteCity', { maxLength: 255, optional: true }),
	str('siteState', { maxLength: 100, optional: true }),
	str('siteZipCode', { maxLength: 20, optional: true }),
];

/** Human-readable numbers such as BID-00012. */
export const numbered =
	(prefix: string) =>
	({ id }: { id: number }) =>
		`${prefix}-${String(id).padStart(5, '0')}`;

export const pick = <T>(random: () => number, list: readonly T[]): T =>
	list[Math.floor(random() * list.length)];

export const SEED_NAMES = [
	'Riverside',
	'Oak Street',
	'Harbor View',
	'Maple Court',
	'Summit Ridge',
	'Cedar Park',
	'Lakeshore',
	'Granite Hills',
	'Pine Hollow',
	'Westgate',
];
export const SEED_KINDS = [
	'Office Build-Out',
	'Kitchen Remodel',
	'Roof Replacement',
	'Warehouse Slab',
	'Retail Fit-Out',
	'Parking Deck Repair',
	'School Gym HVAC',
	'Clinic Renovation',
	'Townhome Framing',
	'Storefront Glazing',
];
export const SEED_CITIES: Array<[string, string, string]> = [
	['Austin', 'TX', '78701'],
	['Denver', 'CO', '80202'],
	['Portland', 'OR', '97201'],
	['Raleigh', 'NC', '27601'],
	['Phoenix', 'AZ', '85004'],
];
export const seedTitle = (random: () => number) =>
	`${pick(random, SEED_NAMES)} ${pick(random, SEED_KINDS)}`;
export const seedAmount = (random: () => number, min: number, max: number) =>
	(Math.round((min + random() * (max - min)) / 5) * 5).toFixed(2);
