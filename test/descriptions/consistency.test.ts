/**
 * Every resource's description agrees with its operations: each operation of the selector shows
 * its fields, the IDs its URL uses and the Options its method calls for, and nothing else is shown
 * twice or for an operation the resource lacks. The check must also catch a description whose
 * lists were forgotten or wrong, which the resources built by hand below show.
 */
import { defineResource } from '../../nodes/BuildWorkPro/description/defineResource';
import type { DefinedResource } from '../../nodes/BuildWorkPro/description/defineResource';
import {
	forOperations,
	operationSelector,
	optionsProperties,
	recordIdProperty,
} from '../../nodes/BuildWorkPro/description/fields';
import { RESOURCES } from '../../nodes/BuildWorkPro/resources';
import { bidResource } from '../../nodes/BuildWorkPro/resources/bid';
import { acceptOperation } from '../../nodes/BuildWorkPro/resources/bid/accept';
import { getOperation } from '../../nodes/BuildWorkPro/resources/bid/get';
import { bid } from '../../nodes/BuildWorkPro/resources/bid/fields';
import { bidLineItem } from '../../nodes/BuildWorkPro/resources/bidLineItem/fields';
import { updateOperation as updateLineItemOperation } from '../../nodes/BuildWorkPro/resources/bidLineItem/update';
import { descriptionProblems } from './consistency';

describe('every resource description', () => {
	it('covers all 28 resources and their 198 operations', () => {
		expect(RESOURCES).toHaveLength(28);
		expect(RESOURCES.flatMap((resource) => resource.operations)).toHaveLength(198);
	});

	it.each(RESOURCES.map((resource) => [resource.option.value, resource] as const))(
		'%s agrees with its operations',
		(_name, resource) => {
			expect(descriptionProblems(resource)).toEqual([]);
		},
	);
});

describe('the consistency check', () => {
	const accept = acceptOperation;
	const get = getOperation;

	/** A Bid resource with only Accept and Get, its lists written by hand as before defineResource. */
	function bidByHand(lists: {
		recordId?: string[];
		fieldsOf?: string[];
		mutations?: string[];
		reads?: string[];
	}): DefinedResource {
		const {
			recordId = ['accept', 'get'],
			fieldsOf = ['accept'],
			mutations = ['accept'],
			reads = ['get'],
		} = lists;
		return {
			spec: bid,
			option: { name: 'Bid', value: 'bid' },
			operations: [accept, get],
			properties: [
				operationSelector(bid, [accept.option, get.option]),
				...(recordId.length ? forOperations(bid, recordId, [recordIdProperty(bid)]) : []),
				...(fieldsOf.length ? forOperations(bid, fieldsOf, accept.fields) : []),
				...optionsProperties(bid, mutations, reads),
			],
			fieldLabels: new Map(),
		};
	}

	it('finds nothing wrong with lists that agree', () => {
		expect(descriptionProblems(bidByHand({}))).toEqual([]);
	});

	it('names the operation whose record ID was forgotten', () => {
		expect(descriptionProblems(bidByHand({ recordId: ['get'] }))).toEqual([
			'bid.accept: bidId, which its URL uses, is not shown as a required parameter',
		]);
	});

	it('names the operation whose fields were forgotten', () => {
		expect(descriptionProblems(bidByHand({ fieldsOf: [] }))).toEqual([
			'bid.accept: its field acceptedBy is not shown',
		]);
	});

	it('names a mutation filed among the reads, and a read among the mutations', () => {
		expect(descriptionProblems(bidByHand({ mutations: ['get'], reads: ['accept'] }))).toEqual([
			'bid.accept: Options has maxWait but a mutation needs idempotencyKey, maxWait',
			'bid.get: Options has idempotencyKey, maxWait but a read needs maxWait',
		]);
	});

	it('names an operation left out of the Options lists', () => {
		expect(descriptionProblems(bidByHand({ reads: [] }))).toEqual([
			'bid.get: 0 Options collections',
		]);
	});

	it('names fields shown for an operation the resource does not have', () => {
		expect(descriptionProblems(bidByHand({ fieldsOf: ['accept', 'approve'] }))).toEqual([
			'bid: acceptedBy is shown for approve, which the resource does not have',
		]);
	});

	it('names a parameter shown twice for one operation', () => {
		const twice = bidByHand({});
		twice.properties.push(...forOperations(bid, ['get'], [recordIdProperty(bid)]));
		expect(descriptionProblems(twice)).toEqual(['bid.get: bidId is shown more than once']);
	});

	it("names a sub-resource's operation without its parent's ID", () => {
		const lineItems = defineResource({
			resource: bidLineItem,
			name: 'Bid Line Item',
			operations: [updateLineItemOperation],
		});
		const withoutParentId = {
			...lineItems,
			properties: lineItems.properties.filter((property) => property.name !== 'bidId'),
		};
		expect(descriptionProblems(withoutParentId)).toEqual([
			'bidLineItem.update: bidId, which its URL uses, is not shown as a required parameter',
		]);
	});

	it('names an operation missing from the selector of a doctored copy', () => {
		const [selector, ...rest] = bidResource.properties;
		const withoutAccept = {
			...bidResource,
			properties: [
				{
					...selector,
					options: (selector.options ?? []).filter(
						(entry) => 'value' in entry && entry.value !== 'accept',
					),
				},
				...rest,
			],
		};
		expect(descriptionProblems(withoutAccept)).toEqual(
			expect.arrayContaining([
				'bid: bidId is shown for accept, which the resource does not have',
				'bid.accept is missing from the selector',
			]),
		);
	});
});
