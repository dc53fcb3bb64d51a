/**
 * Behaviour the refactors must not change: the nodes' descriptions (parameter names, types,
 * defaults, options, display conditions, routing) equal the committed dumps. Update a dump only on
 * purpose, with `UPDATE_DESCRIPTION_DUMPS=1 npx jest test/descriptions`, and read its diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DUMPED_NODES, dumpNode } from './dump';

const DUMP_FOLDER = join(__dirname, 'dumps');

describe.each(Object.entries(DUMPED_NODES))('the %s description', (name, create) => {
	const file = join(DUMP_FOLDER, `${name}.txt`);

	it('is the committed dump, parameter for parameter', () => {
		const dump = dumpNode(create());
		if (process.env.UPDATE_DESCRIPTION_DUMPS) {
			mkdirSync(DUMP_FOLDER, { recursive: true });
			writeFileSync(file, dump);
		}
		expect(existsSync(file)).toBe(true);
		// Compared line by line so that a failure shows where the description changed.
		expect(dump.split('\n')).toEqual(readFileSync(file, 'utf8').split('\n'));
	});
});
