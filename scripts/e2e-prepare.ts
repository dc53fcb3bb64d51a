// `npm run e2e:prepare [-- --version 1.123.x] [-- --no-build]`: installs the pinned n8n into the
// cache (instant when already there), builds and packs this package. The e2e suite and
// `npm run dev` run this first.
import { prepare } from '../e2e/lib/prepared';

async function main() {
	const args = process.argv.slice(2);
	const versionFlag = args.indexOf('--version');
	const version = versionFlag >= 0 ? args[versionFlag + 1] : process.env.N8N_E2E_VERSION;
	const started = Date.now();
	await prepare({ version, build: !args.includes('--no-build') });
	console.log(`e2e:prepare done in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
