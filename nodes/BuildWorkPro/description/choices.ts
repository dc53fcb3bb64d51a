import type { FieldSpec } from './fields';

/**
 * Fields that pick one of the tenant's own records (lead stages, users) from a dropdown loaded
 * from BuildWorkPro by the node's load-options methods (methods/loadOptions.ts), through the
 * transport; an expression can still give the ID.
 */

export function leadStageChoice(
	name: string,
	displayName: string,
	description?: string,
): FieldSpec {
	return {
		name,
		displayName,
		kind: 'dynamicOptions',
		loadOptionsMethod: 'getLeadStages',
		description,
	};
}

export function userChoice(name: string, displayName: string, description?: string): FieldSpec {
	return {
		name,
		displayName,
		kind: 'dynamicOptions',
		loadOptionsMethod: 'getUsers',
		description,
	};
}

/** Creation and update time filters most lists share. */
export function dateFilters(noun: string, withUpdated = false): FieldSpec[] {
	const filters: FieldSpec[] = [
		{
			name: 'dateFrom',
			displayName: 'Created After',
			kind: 'dateTime',
			description: `Only ${noun} created at or after this time (UTC unless the value has an offset)`,
		},
		{
			name: 'dateTo',
			displayName: 'Created Before',
			kind: 'dateTime',
			description: `Only ${noun} created at or before this time (UTC unless the value has an offset)`,
		},
	];
	if (withUpdated) {
		filters.push({
			name: 'updatedFrom',
			displayName: 'Updated After',
			kind: 'dateTime',
			description: `Only ${noun} changed at or after this time (UTC unless the value has an offset)`,
		});
	}
	return filters;
}

export function searchFilter(what: string): FieldSpec {
	return {
		name: 'search',
		displayName: 'Search',
		kind: 'string',
		description: `Text to look for in ${what}`,
	};
}
