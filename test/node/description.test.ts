/**
 * The node's interface as users and n8n see it: names other tooling and saved workflows rely on,
 * n8n's UX conventions, the codex and icons, and agreement with BuildWorkPro's OpenAPI document.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';
import { asVersion } from '../descriptions/dump';

const repoRoot = resolve(__dirname, '..', '..');
// Version 1, what saved workflows hold (version 2 has its own specs: locators, Simplify).
const node = new BuildWorkPro();
const description = { ...node.description, properties: asVersion(node.description.properties, 1) };
const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

/** The contact operation's fields (other resources have operations of the same names). */
function propertiesFor(operation: string): INodeProperties[] {
	return description.properties.filter(
		(p) =>
			p.displayOptions?.show?.resource?.includes('contact') &&
			p.displayOptions?.show?.operation?.includes(operation),
	);
}
function property(operation: string, name: string): INodeProperties {
	const found = propertiesFor(operation).find((p) => p.name === name);
	if (!found) throw new Error(`${operation} has no "${name}" field`);
	return found;
}
function childNames(collection: INodeProperties): string[] {
	return (
		(collection.options ?? []) as Array<
			INodeProperties | INodePropertyOptions | INodePropertyCollection
		>
	)
		.map((option) => option.name)
		.sort();
}
function optionValues(prop: INodeProperties): unknown[] {
	return ((prop.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
}

const CONTACT_FIELDS = [
	'companyName',
	'email',
	'firstName',
	'lastName',
	'mobile',
	'notes',
	'parentContactId',
	'phone',
	'position',
	'website',
];
const CONTACT_TYPES = [
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
	'other',
];

describe('names workflows depend on', () => {
	it('is the node "buildWorkPro", usable as an AI tool, with a subtitle showing the operation', () => {
		expect(description.name).toBe('buildWorkPro');
		expect(description.displayName).toBe('BuildWorkPro');
		expect(description.usableAsTool).toBeTruthy();
		expect(description.subtitle).toContain('$parameter["operation"]');
		expect(description).not.toHaveProperty('execute');
		expect(new BuildWorkPro()).not.toHaveProperty('execute');
	});

	it('authenticates with an API key by default, or OAuth2', () => {
		const authentication = description.properties.find((p) => p.name === 'authentication')!;
		expect(authentication.default).toBe('apiKey');
		expect(optionValues(authentication)).toEqual(['apiKey', 'oAuth2']);
		expect(description.credentials).toEqual([
			expect.objectContaining({
				name: 'buildWorkProApi',
				displayOptions: { show: { authentication: ['apiKey'] } },
			}),
			expect.objectContaining({
				name: 'buildWorkProOAuth2Api',
				displayOptions: { show: { authentication: ['oAuth2'] } },
			}),
		]);
	});

	it('offers the Contact resource with create, get, getAll, update, delete, count, getSummary, getByIds, export, import, bulkDelete and bulkRestore', () => {
		const resource = description.properties.find((p) => p.name === 'resource')!;
		expect(optionValues(resource)).toContain('contact');
		const operation = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('contact'),
		)!;
		expect(optionValues(operation).sort()).toEqual([
			'bulkDelete',
			'bulkRestore',
			'count',
			'create',
			'delete',
			'export',
			'get',
			'getAll',
			'getByIds',
			'getSummary',
			'import',
			'update',
		]);
		const getAll = (operation.options as INodePropertyOptions[]).find((o) => o.value === 'getAll')!;
		expect(getAll.name).toBe('Get Many');
	});

	it('Get Many: returnAll, limit (default 50), filters {type, search, dateFrom, dateTo}', () => {
		expect(property('getAll', 'returnAll').default).toBe(false);
		expect(property('getAll', 'limit').default).toBe(50);
		expect(property('getAll', 'limit').displayOptions?.show?.returnAll).toEqual([false]);
		expect(childNames(property('getAll', 'filters'))).toEqual([
			'dateFrom',
			'dateTo',
			'search',
			'type',
		]);
	});

	it('Create: a required type from the enum, then Additional Fields', () => {
		const type = property('create', 'type');
		expect(type.required).toBe(true);
		expect(optionValues(type).sort()).toEqual([...CONTACT_TYPES].sort());
		expect(childNames(property('create', 'additionalFields'))).toEqual(CONTACT_FIELDS);
		const names = propertiesFor('create').map((p) => p.name);
		expect(names.indexOf('type')).toBeLessThan(names.indexOf('additionalFields'));
	});

	it('Get / Update / Delete take contactId; Update has Update Fields (the same fields plus type)', () => {
		for (const operation of ['get', 'update', 'delete'])
			expect(property(operation, 'contactId').required).toBe(true);
		expect(childNames(property('update', 'updateFields'))).toEqual(
			[...CONTACT_FIELDS, 'type'].sort(),
		);
	});

	it('offers the Idempotency Key option on mutations only', () => {
		for (const operation of ['create', 'update', 'delete'])
			expect(childNames(property(operation, 'options'))).toContain('idempotencyKey');
		for (const operation of ['get', 'getAll'])
			expect(childNames(property(operation, 'options'))).not.toContain('idempotencyKey');
	});
});

describe('package wiring', () => {
	it('registers both credentials and both nodes by their dist paths, each with a source file', () => {
		expect(packageJson.n8n.credentials).toEqual([
			'dist/credentials/BuildWorkProApi.credentials.js',
			'dist/credentials/BuildWorkProOAuth2Api.credentials.js',
		]);
		expect(packageJson.n8n.nodes).toEqual(
			expect.arrayContaining([
				'dist/nodes/BuildWorkPro/BuildWorkPro.node.js',
				'dist/nodes/BuildWorkProTrigger/BuildWorkProTrigger.node.js',
			]),
		);
		for (const distPath of [...packageJson.n8n.credentials, ...packageJson.n8n.nodes]) {
			const source = join(repoRoot, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			expect(existsSync(source)).toBe(true);
		}
	});

	it('has a codex naming the node as n8n will know it, and light and dark SVG icons', () => {
		const codex = JSON.parse(
			readFileSync(join(repoRoot, 'nodes/BuildWorkPro/BuildWorkPro.node.json'), 'utf8'),
		);
		expect(codex.node).toBe(`${packageJson.name}.buildWorkPro`);
		expect(codex.categories.length).toBeGreaterThan(0);
		expect(description.icon).toEqual({
			light: 'file:buildWorkPro.svg',
			dark: 'file:buildWorkPro.dark.svg',
		});
		for (const icon of ['buildWorkPro.svg', 'buildWorkPro.dark.svg']) {
			const svg = readFileSync(join(repoRoot, 'nodes/BuildWorkPro', icon), 'utf8');
			expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
			expect(existsSync(join(repoRoot, 'credentials', icon))).toBe(true);
		}
	});

	it('has no runtime dependencies and n8n-workflow as a peer', () => {
		expect(packageJson.dependencies ?? {}).toEqual({});
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});
});

describe("agreement with BuildWorkPro's OpenAPI document", () => {
	const sharedDir = process.env.BWP_SHARED_DIR ?? resolve(repoRoot, '..', 'shared', 'buildworkpro');
	const openapiPath = join(sharedDir, 'openapi.json');
	const available = existsSync(openapiPath);
	if (!available) {
		it.skip(`skipped: ${openapiPath} not found (set BWP_SHARED_DIR)`, () => undefined);
		return;
	}
	const openapi = JSON.parse(readFileSync(openapiPath, 'utf8'));

	it('offers exactly the contact types and writable fields the API accepts', () => {
		const create = openapi.components.schemas.CreateContact;
		expect(optionValues(property('create', 'type')).sort()).toEqual(
			[...create.properties.type.enum].sort(),
		);
		expect([...CONTACT_FIELDS, 'type'].sort()).toEqual(Object.keys(create.properties).sort());
		const update = openapi.components.schemas.UpdateContact;
		expect(childNames(property('update', 'updateFields'))).toEqual(
			Object.keys(update.properties).sort(),
		);
	});

	it('filters Get Many by query parameters the list endpoint documents', () => {
		const documented = openapi.paths['/contacts'].get.parameters.map(
			(p: { name: string }) => p.name,
		);
		expect(documented).toEqual(expect.arrayContaining(childNames(property('getAll', 'filters'))));
	});
});

describe('hints that depend on the operation', () => {
	const emailIn = (operation: string, collection: string) =>
		(property(operation, collection).options as INodeProperties[]).find(
			(option) => option.name === 'email',
		)!;

	it('Email says how to clear it only under Update Fields, where clearing means something', () => {
		expect(emailIn('update', 'updateFields').description).toBe(
			'Leave empty to clear the email address',
		);
		expect(emailIn('create', 'additionalFields').description ?? '').not.toMatch(/clear/i);
	});

	it('a link says that 0 removes it only under Update Fields: on Create there is no link to remove', () => {
		const parentIn = (operation: string, collection: string) =>
			(property(operation, collection).options as INodeProperties[]).find(
				(option) => option.name === 'parentContactId',
			)!;

		expect(parentIn('update', 'updateFields').description).toBe(
			'ID of the contact this one belongs to (for example the company of a person). 0 removes the link.',
		);
		expect(parentIn('create', 'additionalFields').description).toBe(
			'ID of the contact this one belongs to (for example the company of a person).',
		);
	});

	it('no field outside Update Fields, in any resource, tells how to clear or remove a value', () => {
		const offenders: string[] = [];
		const visit = (
			fields: ReadonlyArray<INodeProperties | INodePropertyOptions | INodePropertyCollection>,
			where: string,
		) => {
			for (const field of fields) {
				if ('values' in field) visit(field.values, `${where} › ${field.displayName}`);
				if (!('type' in field)) continue;
				if (field.name === 'updateFields') continue;
				if (/\b(clear|0 removes|removes the link|leave empty)\b/i.test(field.description ?? ''))
					offenders.push(`${where} › ${field.displayName}: ${field.description}`);
				if (field.type === 'collection' || field.type === 'fixedCollection')
					visit(field.options ?? [], `${where} › ${field.displayName}`);
			}
		};
		for (const field of description.properties) {
			const show = field.displayOptions?.show;
			visit(
				[field],
				`${show?.resource?.join('/') ?? ''} ${show?.operation?.join('/') ?? ''}`.trim(),
			);
		}

		expect(offenders).toEqual([]);
	});
});
