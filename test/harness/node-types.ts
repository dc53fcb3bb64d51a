/**
 * Node and credential types for the harness, loaded from this repository's TypeScript
 * sources (ts-jest compiles them on require), registered under the names n8n gives an
 * installed community package: `<package name>.<node name>` (short names work too).
 */
import './env';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DirectoryLoader } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

export const repoRoot = resolve(__dirname, '..', '..');
export const packageName: string = (
	JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string }
).name;

/** n8n-type name of the harness' own start node. */
export const ITEMS_SOURCE_TYPE = 'n8n-nodes-harness.itemsSource';

/**
 * Items the source node emits, per execution id. Kept out of node parameters on purpose:
 * n8n would evaluate any string starting with "=" in them as an expression.
 */
export const sourceItemsByExecution = new Map<string, INodeExecutionData[]>();

/** Start node of every `runNode` workflow: emits the items given as `input`. */
class ItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Items Source',
		name: 'itemsSource',
		group: ['input'],
		version: 1,
		description: 'Emits the items a test hands to runNode()',
		defaults: { name: 'Items Source' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = sourceItemsByExecution.get(this.getExecutionId()) ?? [{ json: {} }];
		return [items.map((item) => ({ ...item, json: structuredClone(item.json) }))];
	}
}

/**
 * n8n-nodes-base's generic `oAuth2Api`, which OAuth2 credentials extend. n8n-nodes-base is
 * not installed here, so this carries the fields n8n-core's OAuth2 request path reads.
 */
const oAuth2ApiCredential: ICredentialType = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	properties: [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'PKCE', value: 'pkce' },
			],
			default: 'authorizationCode',
		},
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Body', value: 'body' },
				{ name: 'Header', value: 'header' },
			],
			default: 'header',
		},
	],
};

function isNodeTypeClass(value: unknown): value is new () => INodeType | IVersionedNodeType {
	if (typeof value !== 'function') return false;
	try {
		const instance = new (value as new () => Record<string, unknown>)();
		return typeof instance.description === 'object' && instance.description !== null;
	} catch {
		return false;
	}
}

function isCredentialTypeClass(value: unknown): value is new () => ICredentialType {
	if (typeof value !== 'function') return false;
	try {
		const instance = new (value as new () => Record<string, unknown>)();
		return typeof instance.name === 'string' && Array.isArray(instance.properties);
	} catch {
		return false;
	}
}

function listFiles(dir: string, suffix: string, recursive: boolean): string[] {
	let entries: string[];
	try {
		entries = readdirSync(dir);
	} catch {
		return [];
	}
	const found: string[] = [];
	for (const entry of entries) {
		const fullPath = join(dir, entry);
		if (statSync(fullPath).isDirectory()) {
			if (recursive) found.push(...listFiles(fullPath, suffix, recursive));
		} else if (entry.endsWith(suffix)) {
			found.push(fullPath);
		}
	}
	return found.sort();
}

function baseDescription(nodeType: INodeType | IVersionedNodeType): INodeTypeDescription {
	return nodeType.description as INodeTypeDescription;
}

const prepared = new WeakSet<INodeType>();

export interface LoadError {
	file: string;
	error: Error;
}

function describeLoadErrors(loadErrors: LoadError[]): string {
	if (loadErrors.length === 0) return '';
	return ` (files that failed to load: ${loadErrors
		.map(({ file, error }) => `${file.slice(repoRoot.length + 1)}: ${error.message}`)
		.join('; ')})`;
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly byName = new Map<string, INodeType | IVersionedNodeType>();

	loadErrors: LoadError[] = [];

	private readonly fullNameByShortName = new Map<string, string>();

	/** Registers a node type under `<package>.<name>` (or the given full name) and its short name. */
	register(nodeType: INodeType | IVersionedNodeType, fullName?: string): string {
		const { name } = baseDescription(nodeType);
		const typeName = fullName ?? `${packageName}.${name}`;
		// What n8n's DirectoryLoader does to every node it loads: declarative nodes get the
		// standard "requestOptions" parameter (batching, proxy, SSL, timeout).
		const versions = 'nodeVersions' in nodeType ? Object.values(nodeType.nodeVersions) : [nodeType];
		for (const version of versions) {
			if (prepared.has(version)) continue;
			DirectoryLoader.applyDeclarativeNodeOptionParameters(version);
			prepared.add(version);
		}
		this.byName.set(typeName, nodeType);
		this.byName.set(name, nodeType);
		this.fullNameByShortName.set(name, typeName);
		return typeName;
	}

	has(type: string): boolean {
		return this.byName.has(type);
	}

	/** The n8n type name for a short or full name. */
	resolveTypeName(type: string): string {
		if (type.includes('.')) return type;
		return this.fullNameByShortName.get(type) ?? `${packageName}.${type}`;
	}

	getByName(type: string): INodeType | IVersionedNodeType {
		const nodeType = this.byName.get(type);
		if (!nodeType) {
			const known = [...this.byName.keys()].join(', ');
			throw new UnexpectedError(
				`Harness: unknown node type "${type}"; known: ${known}${describeLoadErrors(this.loadErrors)}`,
			);
		}
		return nodeType;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	knownTypeNames(): string[] {
		return [...this.byName.keys()];
	}
}

export class HarnessCredentialTypes {
	private readonly byName = new Map<string, ICredentialType>();

	loadErrors: LoadError[] = [];

	register(credentialType: ICredentialType): void {
		this.byName.set(credentialType.name, credentialType);
	}

	has(name: string): boolean {
		return this.byName.has(name);
	}

	getByName(name: string): ICredentialType {
		const credentialType = this.byName.get(name);
		if (!credentialType) {
			throw new UnexpectedError(
				`Harness: unknown credential type "${name}"${describeLoadErrors(this.loadErrors)}`,
			);
		}
		return credentialType;
	}

	/** All ancestors through `extends`, nearest first. */
	getParentTypes(name: string): string[] {
		const parents = this.byName.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}
}

export interface LoadedTypes {
	nodeTypes: HarnessNodeTypes;
	credentialTypes: HarnessCredentialTypes;
	/** Source files that were loaded, for diagnostics. */
	files: string[];
	/** Source files that threw when required. */
	loadErrors: LoadError[];
}

let loaded: LoadedTypes | undefined;

/**
 * Loads (once per test file) every node in `nodes/**\/*.node.ts` and credential in
 * `credentials/*.credentials.ts`, plus the harness' items source node and `oAuth2Api`.
 */
export function loadNodeTypes(): LoadedTypes {
	if (loaded) return loaded;
	const nodeTypes = new HarnessNodeTypes();
	const credentialTypes = new HarnessCredentialTypes();
	nodeTypes.register(new ItemsSource(), ITEMS_SOURCE_TYPE);
	credentialTypes.register(oAuth2ApiCredential);

	const nodeFiles = listFiles(join(repoRoot, 'nodes'), '.node.ts', true);
	const credentialFiles = listFiles(join(repoRoot, 'credentials'), '.credentials.ts', false);
	// A file that fails to load does not stop the others (tests of another node still run);
	// asking for a type that is missing reports the failures.
	const loadErrors: LoadError[] = [];
	const exportsOf = (file: string): unknown[] => {
		try {
			return Object.values(require(file) as Record<string, unknown>);
		} catch (error) {
			loadErrors.push({ file, error: error as Error });
			return [];
		}
	};
	for (const file of nodeFiles) {
		for (const exported of exportsOf(file)) {
			if (isNodeTypeClass(exported)) nodeTypes.register(new exported());
		}
	}
	for (const file of credentialFiles) {
		for (const exported of exportsOf(file)) {
			if (isCredentialTypeClass(exported)) credentialTypes.register(new exported());
		}
	}
	nodeTypes.loadErrors = loadErrors;
	credentialTypes.loadErrors = loadErrors;
	loaded = { nodeTypes, credentialTypes, files: [...nodeFiles, ...credentialFiles], loadErrors };
	return loaded;
}

/** Adds a node type defined in a test (e.g. a throwaway declarative node). Returns its n8n type name. */
export function registerNodeType(
	nodeType: INodeType | IVersionedNodeType,
	fullName?: string,
): string {
	return loadNodeTypes().nodeTypes.register(nodeType, fullName);
}

/** Adds a credential type defined in a test. */
export function registerCredentialType(credentialType: ICredentialType): void {
	loadNodeTypes().credentialTypes.register(credentialType);
}
