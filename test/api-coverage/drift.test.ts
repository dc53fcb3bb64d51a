/**
 * Schema drift: every body field and query parameter the node can send, for every operation the
 * coverage manifest maps to it, is one openapi.json documents for that request, with the enum
 * the document gives it; required fields are required parameters, and lists page the way their
 * operation documents. The checker is in drift.ts; the last specs show it finds drift.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';
import { fetchWholeList } from '../../nodes/BuildWorkPro/routing/pagination';
import { findDrift } from './drift';
import type { OpenApiDocument } from './drift';
import { API_COVERAGE } from './manifest';

const sharedDir =
	process.env.BWP_SHARED_DIR ?? resolve(__dirname, '..', '..', '..', 'shared', 'buildworkpro');
const openapiPath = join(sharedDir, 'openapi.json');

describe("the node's fields against BuildWorkPro's OpenAPI document", () => {
	if (!existsSync(openapiPath)) {
		it.skip(`skipped: ${openapiPath} not found (set BWP_SHARED_DIR)`, () => undefined);
		return;
	}
	const openapi = JSON.parse(readFileSync(openapiPath, 'utf8')) as OpenApiDocument;
	const { properties } = new BuildWorkPro().description;
	const drift = findDrift(properties, openapi, API_COVERAGE);

	const QUERY = /query parameter/;
	const PAGING = / pages with /;
	const isBody = (problem: string) => !QUERY.test(problem) && !PAGING.test(problem);

	it('sends only body fields the request schema names, of a type it takes, each options list being its enum, and every required field', () => {
		expect(drift.filter(isBody)).toEqual([]);
	});

	it('sends only query parameters the operation documents, each options list being its enum, and every required one', () => {
		expect(drift.filter((problem) => QUERY.test(problem))).toEqual([]);
	});

	it('pages each list the way its operation documents (cursor, page numbers, offsets, or not at all)', () => {
		expect(drift.filter((problem) => PAGING.test(problem))).toEqual([]);
	});

	describe('the checker', () => {
		/** A copy of the Contact resource's parameters, to change without touching the node. */
		const contactProperties = (): INodeProperties[] =>
			copyOf(
				properties.filter((property) =>
					property.displayOptions?.show?.resource?.includes('contact'),
				),
			);
		const parameterOf = (copy: INodeProperties[], operation: string, name: string) =>
			copy.find(
				(property) =>
					property.name === name && property.displayOptions?.show?.operation?.includes(operation),
			)!;
		const optionOf = (collection: INodeProperties, name: string) =>
			(collection.options as INodeProperties[]).find((candidate) => candidate.name === name)!;

		it('finds nothing in the Contact resource as it is', () => {
			expect(findDrift(contactProperties(), openapi, API_COVERAGE)).toEqual([]);
		});

		it('reports a renamed body field, a renamed enum value and a renamed filter, each where it is used, all at once', () => {
			const copy = contactProperties();
			const companyName = optionOf(parameterOf(copy, 'create', 'additionalFields'), 'companyName');
			companyName.name = 'company';
			companyName.routing!.send!.property = 'company';
			const type = parameterOf(copy, 'create', 'type');
			type.options = (type.options as INodePropertyOptions[]).map((choice) =>
				choice.value === 'hoa' ? { ...choice, value: 'homeowners_association' } : choice,
			);
			const search = optionOf(parameterOf(copy, 'getAll', 'filters'), 'search');
			search.name = 'q';
			search.routing!.send!.property = 'q';

			// Get Many and Count share one Filters parameter, so the renamed filter is wrong in both.
			expect(findDrift(copy, openapi, API_COVERAGE).sort()).toEqual([
				'contact.count: filter q is not a documented query parameter of GET /contacts/count',
				'contact.create: field company is not in the request schema of POST /contacts',
				'contact.create: field type options differ from the enum of the request schema of POST /contacts (not in the enum: homeowners_association; missing: hoa)',
				'contact.getAll: filter q is not a documented query parameter of GET /contacts',
			]);
		});

		it('reports a required field left optional, a value of the wrong type, a null the schema refuses, free text for an enum and the wrong paging', () => {
			const copy = contactProperties();
			parameterOf(copy, 'create', 'type').required = false;
			const parentContactId = optionOf(
				parameterOf(copy, 'create', 'additionalFields'),
				'parentContactId',
			);
			parentContactId.type = 'string';
			const firstName = optionOf(parameterOf(copy, 'update', 'updateFields'), 'firstName');
			firstName.routing!.send!.value = '={{ $value === "" ? null : $value }}';
			const type = optionOf(parameterOf(copy, 'update', 'updateFields'), 'type');
			type.type = 'string';
			delete type.options;
			const selector = copy.find((property) => property.name === 'operation')!;
			const getAll = (selector.options as INodePropertyOptions[]).find(
				(option) => option.value === 'getAll',
			)!;
			getAll.routing!.operations!.pagination = fetchWholeList;

			expect(findDrift(copy, openapi, API_COVERAGE).sort()).toEqual([
				'contact.create: field parentContactId is sent as string, but the request schema of POST /contacts takes number or null',
				'contact.create: the request schema of POST /contacts requires type, which no required parameter sends',
				'contact.getAll: pages with no paging parameters, but GET /contacts documents a cursor (limit, cursor)',
				'contact.update: field firstName sends null when left empty, but the request schema of PATCH /contacts/{id} does not accept null',
				'contact.update: field type takes any text, but the request schema of PATCH /contacts/{id} allows only architect, city, customer, employee, general_contractor, hoa, other, partner, subcontractor, supplier, vendor: make it an options field',
			]);
		});

		it("reports the document's side changing too: a query parameter made required, a query enum that lacks an option", () => {
			const changed = JSON.parse(JSON.stringify(openapi)) as OpenApiDocument;
			const listContacts = changed.paths['/contacts'].get as {
				parameters: Array<{ name: string; required?: boolean; schema?: { enum?: string[] } }>;
			};
			listContacts.parameters.find((parameter) => parameter.name === 'search')!.required = true;
			const type = listContacts.parameters.find((parameter) => parameter.name === 'type')!;
			type.schema = {
				...type.schema,
				enum: [
					'customer',
					'general_contractor',
					'architect',
					'city',
					'hoa',
					'vendor',
					'subcontractor',
					'supplier',
					'employee',
					'partner',
				],
			};

			expect(findDrift(contactProperties(), changed, API_COVERAGE).sort()).toEqual([
				'contact.getAll: filter type options differ from the enum of the query parameter type of GET /contacts (not in the enum: other)',
				'contact.getAll: the query parameter search of GET /contacts is required, but no required parameter sends it',
			]);
		});
	});
});

/** A deep copy of parameters that keeps their functions (preSend hooks, pagers) as they are. */
function copyOf<T>(value: T): T {
	if (Array.isArray(value)) return value.map(copyOf) as T;
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, copyOf(entry)]),
		) as T;
	}
	return value;
}
