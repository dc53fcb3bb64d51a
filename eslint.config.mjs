// Lint for the published package: n8n's community-node rules (the ones n8n's verification runs)
// plus the classic eslint-plugin-n8n-nodes-base rule sets for nodes, credentials and package.json.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const recommended = n8nCommunityNodesPlugin.configs.recommended;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'eslint.config.mjs'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		languageOptions: {
			parser: tseslint.parser,
			// package.json is parsed as a JSON-kind TypeScript file, which yields the ObjectExpression
			// the package.json rules inspect.
			parserOptions: { extraFileExtensions: ['.json'] },
		},
		plugins: { ...recommended.plugins, 'n8n-nodes-base': n8nNodesBase },
		rules: { ...recommended.rules },
	},
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Applies to n8n's own repository only (docs slugs); community packages link full URLs.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Declarative node: no execute() method to check.
			'n8n-nodes-base/node-execute-block-missing-continue-on-fail': 'off',
			// Superseded by @n8n/community-nodes/node-connection-type-literal, which asks for
			// NodeConnectionTypes.Main instead of the 'main' literal these older rules want.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// Resources live in resources/<name>/<operation>.ts as in n8n-nodes-starter.
			'n8n-nodes-base/node-resource-description-filename-against-convention': 'off',
		},
	},
];
