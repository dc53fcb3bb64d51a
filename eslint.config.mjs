// Lint for the published package with n8n's own config, the one n8n-nodes-starter and
// `n8n-node lint` use (n8n's community-node rules, the n8n-nodes-base rule sets, typescript-eslint,
// import-x). Project additions below only add rules; none of n8n's is switched off.
import { config } from '@n8n/node-cli/eslint';

export default [...config, { ignores: ['dist/**', 'node_modules/**', 'eslint.config.mjs'] }];
