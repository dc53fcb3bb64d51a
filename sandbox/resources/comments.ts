/**
 * Comments: discussion threads attached to a record (`entityType` + `entityId`). The thread of a
 * record is one unpaginated list, oldest first; comments inherit the visibility of the record, so
 * the thread of a record that does not exist (or is deleted, or another tenant's) is a 404.
 * Delete is a soft delete answering 200 `{data: {id, deleted: true}}` (not 204, as documented).
 *
 * `entityType` is open in the spec ("e.g. project, bid, change_order"); the sandbox knows the
 * record types of the families it serves, snake_case singular: project, bid, change_order, lead,
 * invoice, pay_app, and any family another definition adds (site_log → site-logs).
 */
import { notFound, validationFailed } from '../problems';
import { ok } from '../answer';
import type { FamilyDef, FamilyStore, ResourceContext, Row } from './types';

const FAMILY = 'comments';

/** 'change_order' → 'change-orders', 'time_entry' → 'time-entries'; undefined if the sandbox has no such family. */
export function familyOfEntityType(store: FamilyStore, entityType: string): string | undefined {
	if (!/^[a-z][a-z_]*[a-z]$/.test(entityType)) return undefined;
	const kebab = entityType.replace(/_/g, '-');
	const plural = /[^aeiou]y$/.test(kebab)
		? `${kebab.slice(0, -1)}ies`
		: /(s|x|ch|sh)$/.test(kebab)
			? `${kebab}es`
			: `${kebab}s`;
	return plural !== FAMILY && store.defs.has(plural) ? plural : undefined;
}

function recordExists(
	store: FamilyStore,
	tenantId: number,
	entityType: string,
	entityId: number,
): boolean {
	const family = familyOfEntityType(store, entityType);
	return !!family && !!store.table(family, tenantId).getLive(entityId);
}

const oldestFirst = (a: Row, b: Row) => a.createdMs - b.createdMs || a.id - b.id;

function thread(store: FamilyStore, ctx: ResourceContext) {
	const entityType = ctx.texts?.entityType ?? '';
	const entityId = ctx.params.entityId;
	if (!recordExists(store, ctx.tenantId, entityType, entityId)) {
		throw notFound(`No ${entityType.replace(/_/g, ' ')} ${entityId} to show comments of.`);
	}
	const rows = [...store.table(FAMILY, ctx.tenantId).live()]
		.filter((r) => r.v.entityType === entityType && r.v.entityId === entityId)
		.sort(oldestFirst);
	return ok(
		ctx,
		rows.map((r) => store.present(comments, r)),
	);
}

export const comments: FamilyDef = {
	name: FAMILY,
	nouns: { singular: 'Comment', plural: 'comments' },
	scopes: { read: 'comments:read', write: 'comments:write', delete: 'comments:delete' },
	ops: ['create', 'patch'],
	fields: [
		{ name: 'entityType', type: 'string', required: true, minLength: 1, input: 'create' },
		{ name: 'entityId', type: 'integer', required: true, min: 1, max: 2147483647, input: 'create' },
		{ name: 'userId', type: 'integer', nullable: true, input: 'none' },
		{ name: 'content', type: 'string', required: true, minLength: 1, maxLength: 10000 },
		{ name: 'parentId', type: 'integer', nullable: true, input: 'create' },
	],
	updateFields: [
		{ name: 'content', type: 'string', required: true, minLength: 1, maxLength: 10000 },
	],
	prepare(store, tenantId, values, row) {
		if (row) {
			// PATCH: `content` is required by the update schema too.
			if (values.content === undefined)
				throw validationFailed([
					{ field: 'content', code: 'required', message: 'content is required.' },
				]);
			return;
		}
		const errors = [];
		const entityType = values.entityType as string;
		const entityId = values.entityId as number;
		if (!familyOfEntityType(store, entityType)) {
			errors.push({
				field: 'entityType',
				code: 'invalid_value',
				message: `entityType ${JSON.stringify(entityType)} is not a record type that takes comments.`,
			});
		} else if (!recordExists(store, tenantId, entityType, entityId)) {
			errors.push({
				field: 'entityId',
				code: 'not_found',
				message: `${entityType.replace(/_/g, ' ')} ${entityId} does not exist in this tenant.`,
			});
		}
		if (typeof values.parentId === 'number') {
			const parent = store.table(FAMILY, tenantId).getLive(values.parentId);
			if (!parent || parent.v.entityType !== entityType || parent.v.entityId !== entityId) {
				errors.push({
					field: 'parentId',
					code: 'not_found',
					message: `Comment ${values.parentId} is not in the thread of this record.`,
				});
			}
		}
		if (errors.length) throw validationFailed(errors);
		// The sandbox's keys carry no user: comments are posted as the tenant's first user.
		values.userId = store.table('users', tenantId).ids[0] ?? null;
	},
	extraOps: [
		{
			method: 'GET',
			path: `/${FAMILY}/{entityType}/{entityId}`,
			scopes: ['comments:read'],
			textParams: ['entityType'],
			run: thread,
		},
		{
			method: 'DELETE',
			path: `/${FAMILY}/{id}`,
			scopes: ['comments:delete'],
			run(store, ctx) {
				const row = store.find(comments, ctx.tenantId, ctx.id);
				store.table(FAMILY, ctx.tenantId).softDelete(row, new Date().toISOString());
				return ok(ctx, { id: row.id, deleted: true });
			},
		},
	],
};
