/**
 * Documents: files attached to a record (a project's drawings, a bid's scope letter, site photos).
 * v1 serves their metadata (list with cursor, count, get, patch of category/description, soft
 * delete) and their bytes (GET /documents/{id}/download with Content-Type and
 * Content-Disposition); there is no upload route, so the sandbox seeds them
 * (/__sandbox/seed {family: 'documents'}) or adds given bytes (sandbox.addDocument,
 * POST /__sandbox/documents).
 *
 * Where the docs leave a choice open, the sandbox decides:
 * - `entityId=null` matches documents without an entity (the schema allows a null filter);
 *   `search` looks in the file name, category and description.
 * - `storagePath` is an opaque key of the storage listener (`tenants/<t>/documents/<id>/<name>`).
 */
import { FileBody } from '../storage';
import { renderPdf } from '../pdf';
import { pick, SEED_NAMES } from './common';
import type { DocumentInput } from '../types';
import type { FamilyDef, FamilyStore, Row } from './types';

const FILE_KINDS: Array<{ name: string; mimeType: string; category: string }> = [
	{ name: 'scope-letter', mimeType: 'application/pdf', category: 'contract' },
	{ name: 'site-notes', mimeType: 'text/plain', category: 'field' },
	{ name: 'material-list', mimeType: 'text/csv', category: 'estimate' },
	{ name: 'permit', mimeType: 'application/pdf', category: 'permit' },
];
const EXTENSIONS: Record<string, string> = {
	'application/pdf': 'pdf',
	'text/plain': 'txt',
	'text/csv': 'csv',
};

/** The bytes of a seeded document, made from its values (so a reseed gives the same file). */
function seededBytes(row: Row): Buffer {
	const name = String(row.v.originalFilename);
	if (row.v.mimeType === 'application/pdf')
		return renderPdf({
			title: name,
			lines: [`Document ${row.id}`, `${row.v.entityType} ${row.v.entityId}`],
		});
	if (row.v.mimeType === 'text/csv')
		return Buffer.from(
			`item,quantity\r\nDrywall sheets,${row.id * 3}\r\nScrews (box),${row.id}\r\n`,
			'utf8',
		);
	return Buffer.from(
		`Site notes for ${row.v.entityType} ${row.v.entityId} (document ${row.id}).\n`,
		'utf8',
	);
}

/** Sets a document's file: its bytes, size and storage path. */
export function attachFile(row: Row, bytes: Buffer): void {
	row.x.bytes = bytes;
	row.v.fileSize = bytes.length;
	row.v.storagePath = `tenants/${row.tenantId}/documents/${row.id}/${row.v.originalFilename}`;
}

export const documents: FamilyDef = {
	name: 'documents',
	nouns: { singular: 'Document', plural: 'documents' },
	scopes: { read: 'documents:read', write: 'documents:write', delete: 'documents:delete' },
	ops: ['list', 'count', 'get', 'patch', 'delete'],
	fields: [
		{ name: 'entityType', type: 'string', input: 'none', default: 'project' },
		{ name: 'entityId', type: 'integer', input: 'none', default: 0 },
		{ name: 'originalFilename', type: 'string', input: 'none', default: 'document.bin' },
		{ name: 'storagePath', type: 'string', input: 'none', default: '' },
		{ name: 'mimeType', type: 'string', input: 'none', default: 'application/octet-stream' },
		{ name: 'fileSize', type: 'integer', input: 'none', default: 0 },
		{ name: 'category', type: 'string', nullable: true, maxLength: 64 },
		{ name: 'description', type: 'string', nullable: true, maxLength: 2000 },
	],
	updateFields: [
		{ name: 'category', type: 'string', nullable: true, maxLength: 64 },
		{ name: 'description', type: 'string', nullable: true, maxLength: 2000 },
	],
	filters: [
		{ param: 'entityType', kind: 'eq' },
		{ param: 'entityId', kind: 'ref' },
		{ param: 'category', kind: 'eq' },
		{ param: 'search', kind: 'search' },
		{ param: 'dateFrom', kind: 'from', field: 'createdAt' },
		{ param: 'dateTo', kind: 'to', field: 'createdAt' },
	],
	searchFields: ['originalFilename', 'category', 'description'],
	extraOps: [
		{
			method: 'GET',
			path: '/documents/{id}/download',
			scopes: ['documents:read'],
			cost: 1,
			run: (store: FamilyStore, ctx) => {
				const row = store.find(store.def('documents'), ctx.tenantId, ctx.id);
				// A FileBody is sent by the pipeline as the raw bytes with their type and file name.
				return {
					status: 200,
					body: new FileBody(
						row.x.bytes ?? Buffer.alloc(0),
						String(row.v.mimeType),
						String(row.v.originalFilename),
					),
				};
			},
		},
	],
	seedInput(i, random) {
		const kind = pick(random, FILE_KINDS);
		const entityType = pick(random, ['project', 'bid', 'contact', 'site_log']);
		return {
			entityType,
			entityId: 1 + Math.floor(random() * 50),
			originalFilename: `${pick(random, SEED_NAMES).toLowerCase().replace(/\s+/g, '-')}-${kind.name}-${i + 1}.${EXTENSIONS[kind.mimeType]}`,
			mimeType: kind.mimeType,
			category: kind.category,
			description: random() < 0.5 ? null : `Uploaded from the field app (${kind.category}).`,
		};
	},
	afterSeed(row) {
		attachFile(row, seededBytes(row));
	},
};

/** Adds a document with the given bytes (sandbox.addDocument; there is no upload route in v1). */
export function addDocument(
	store: FamilyStore,
	input: DocumentInput,
	tenantId: number,
): Record<string, unknown> {
	const def = store.def('documents');
	if (!Buffer.isBuffer(input.bytes)) throw new Error('bytes must be a Buffer.');
	for (const name of ['entityType', 'originalFilename', 'mimeType'] as const) {
		if (typeof input[name] !== 'string' || !input[name])
			throw new Error(`${name} must be a non-empty string.`);
	}
	if (!Number.isInteger(input.entityId)) throw new Error('entityId must be an integer.');
	const row = store.insertNew(null, def, tenantId, {
		entityType: input.entityType,
		entityId: input.entityId,
		originalFilename: input.originalFilename,
		mimeType: input.mimeType,
		category: input.category ?? null,
		description: input.description ?? null,
	});
	attachFile(row, input.bytes);
	store.touch(def, row);
	return store.present(def, row);
}
