import type {
	IExecutePaginationFunctions,
	INodeProperties,
	INodePropertyOptions,
	IDataObject,
} from 'n8n-workflow';

import { errorBeforeSending, nodeSideError } from '../../shared/errors';
import { isPlainObject } from '../../shared/objects';
import { itemIndexOf } from '../../shared/transport/context';
import { withIdempotencyStep } from '../../shared/transport/idempotency';
import { requestBuildWorkPro, unwrapEnvelope } from '../../shared/transport/request';
import { openSession } from '../../shared/transport/session';
import { requestFromRouting } from '../routing/bridge';
import type { OperationText, Pager } from '../routing/hooks';
import type { FieldSpec } from '../description/fields';
import { operation } from '../description/operations';
import type { ResourceSpec } from '../description/resource';
import { csvHeader } from './csv';
import { binaryPropertyNameOf } from './downloads';
import type { FileContext } from './downloads';
import { finishedJobItem } from './finishedJob';
import { jobHandleFrom, shouldWaitForCompletion } from './jobs';
import { uploadToSignedUrl } from './signedUrl';

/**
 * CSV import: the CSV of an input binary field → `POST /jobs/uploads` (a signed upload URL) → the
 * bytes PUT to that URL without the credential (signedUrl) → `POST /<family>/imports
 * {sourcePath, mapping, updateInPlace}` → the job, waited for, with the row errors of a partial
 * or failed one (finishedJob).
 */

/** Column Mapping: CSV column → API field, when the columns are not named like the fields. */
export function importMappingProperty(fields: string[]): INodeProperties {
	return {
		displayName: 'Column Mapping',
		name: 'mapping',
		type: 'fixedCollection',
		placeholder: 'Add Column',
		typeOptions: { multipleValues: true },
		default: {},
		description: `Which CSV column fills which field. Without any, the columns named like the fields (${fields.join(', ')}) are imported and the others ignored.`,
		options: [
			{
				displayName: 'Column',
				name: 'columns',
				values: [
					{
						displayName: 'CSV Column',
						name: 'column',
						type: 'string',
						default: '',
						placeholder: 'E-mail',
						description: 'Name of the column in the header row of the CSV',
					},
					// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the first field of the resource's list
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						default: fields[0] ?? '',
						options: [...fields, 'id']
							.map((name) => ({ name, value: name }))
							.sort((a, b) => a.name.localeCompare(b.name)),
						description:
							'The field the column fills (ID: the record a row updates, with Update Existing Records)',
					},
				],
			},
		],
	};
}

/** The input binary field the CSV is read from (`binaryPropertyName`, default "data"). */
export function binaryInputProperty(): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the CSV file',
		description:
			'Name of the binary field holding the CSV to import, for example from Convert to File, Read/Write Files from Disk or an HTTP Request',
	};
}

/** Update Existing Records (`updateInPlace`). */
export function updateInPlaceProperty(noun: string): INodeProperties {
	return {
		displayName: 'Update Existing Records',
		name: 'updateInPlace',
		type: 'boolean',
		default: false,
		description: `Whether a row whose ID column names an existing ${noun} updates it instead of creating a new one`,
	};
}

/** The mapping BuildWorkPro gets: the user's, or every column named like a field (and "id" when updating). */
function mappingFor(
	context: FileContext,
	fields: string[],
	header: string[],
	updateInPlace: boolean,
): IDataObject {
	const given = context.getNodeParameter('mapping.columns', []) as Array<{
		column?: string;
		field?: string;
	}>;
	const chosen = (Array.isArray(given) ? given : []).filter(
		(entry) => String(entry.column ?? '').trim() !== '' && String(entry.field ?? '') !== '',
	);
	if (chosen.length)
		return Object.fromEntries(
			chosen.map((entry) => [String(entry.column).trim(), String(entry.field)]),
		);
	const known = new Set(updateInPlace ? [...fields, 'id'] : fields);
	const matching = header.filter((column) => known.has(column));
	if (!matching.length) {
		throw errorBeforeSending(
			context.getNode(),
			'No CSV column is named like a field, and Column Mapping is empty',
			{
				itemIndex: itemIndexOf(context),
				description: `The header row has: ${header.slice(0, 12).join(', ') || '(nothing)'}. Name the columns like the fields (${fields.join(', ')}) or map them in Column Mapping.`,
			},
		);
	}
	return Object.fromEntries(matching.map((column) => [column, column]));
}

export interface ImportSpec {
	/** The fields a CSV column may fill, as the API names them. */
	fields: string[];
}

/** Field names of a resource's FieldSpecs (for the import's columns). */
export function fieldNames(...lists: Array<FieldSpec | FieldSpec[]>): string[] {
	return [...new Set(lists.flat().map((field) => field.name))].sort();
}

function importPager(resource: ResourceSpec, spec: ImportSpec): Pager {
	return async function (this: IExecutePaginationFunctions, requestData) {
		const context = this as unknown as FileContext & IExecutePaginationFunctions;
		const itemIndex = this.getItemIndex();
		const request = requestFromRouting(this, requestData);
		const passthrough = request.passthrough ?? {};
		const binaryName = binaryPropertyNameOf(this);
		const binary = this.helpers.assertBinaryData(binaryName);
		const bytes = await this.helpers.getBinaryDataBuffer(binaryName);
		if (bytes.length === 0) {
			throw errorBeforeSending(this.getNode(), `The CSV in "${binaryName}" is empty`, {
				itemIndex,
				description: 'Give a CSV file with a header row and at least one row.',
			});
		}
		const updateInPlace = this.getNodeParameter('updateInPlace', false) === true;
		const mapping = mappingFor(context, spec.fields, csvHeader(bytes), updateInPlace);
		const session = await openSession(this);
		const what = `the import of ${binary.fileName ?? 'the CSV'} into ${resource.noun}s`;

		const upload = await requestBuildWorkPro(
			withIdempotencyStep(this, 'upload'),
			{
				method: 'POST',
				url: '/jobs/uploads',
				body: { contentType: 'text/csv' },
				passthrough,
				note: `While asking BuildWorkPro where to upload ${what}.`,
			},
			session,
		);
		const target = unwrapEnvelope(upload.body);
		const uploadUrl =
			isPlainObject(target) && typeof target.uploadUrl === 'string' ? target.uploadUrl : '';
		const sourcePath =
			isPlainObject(target) && typeof target.sourcePath === 'string' ? target.sourcePath : '';
		if (!uploadUrl || !sourcePath) {
			throw nodeSideError(this.getNode(), 'BuildWorkPro named no upload URL for the CSV', {
				itemIndex,
				description: 'Expected uploadUrl and sourcePath in the answer of POST /jobs/uploads.',
			});
		}
		await uploadToSignedUrl(context, uploadUrl, bytes, passthrough);

		const started = await requestBuildWorkPro(
			withIdempotencyStep(this, 'import'),
			{ ...request, body: { sourcePath, mapping, updateInPlace }, note: `While starting ${what}.` },
			session,
		);
		const handle = jobHandleFrom(this, started.body);
		const facts: IDataObject = { mapping };
		if (!shouldWaitForCompletion(this)) {
			return [
				{
					json: { jobId: handle.jobId, statusUrl: handle.statusUrl ?? null, ...facts },
					pairedItem: { item: itemIndex },
				},
			];
		}
		return [
			await finishedJobItem(context, handle.jobId, session, passthrough, what, facts, {
				item: itemIndex,
			}),
		];
	};
}

/**
 * Import: the CSV of an input binary field → signed upload → `POST /<family>/imports` → the
 * finished job with its counts and row errors.
 */
export function importRecords(
	resource: ResourceSpec,
	text: OperationText,
	spec: ImportSpec,
): INodePropertyOptions {
	return operation(text, {
		method: 'POST',
		url: `${resource.path}/imports`,
		pager: importPager(resource, spec),
	});
}
