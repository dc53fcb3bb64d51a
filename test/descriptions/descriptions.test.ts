/**
 * Behaviour the refactors must not change: the nodes' descriptions (parameter names, types,
 * defaults, options, display conditions, routing) equal the committed dumps. Update a dump only on
 * purpose, with `UPDATE_DESCRIPTION_DUMPS=1 npx jest test/descriptions`, and read its diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DUMPED_NODES, dumpNode, versionsOf } from './dump';

const DUMP_FOLDER = join(__dirname, 'dumps');

/**
 * One dump per node and version. The action node's leave out the words for people (labels,
 * descriptions, placeholders), which may improve: what they hold is what a saved workflow of that
 * version holds and sends.
 */
const DUMPS = Object.entries(DUMPED_NODES).flatMap(([name, create]) =>
	versionsOf(create()).map((version) => ({
		file: name === 'buildWorkPro' ? `${name}.v${version}.txt` : `${name}.txt`,
		dump: () => dumpNode(create(), { version, behaviourOnly: name === 'buildWorkPro' }),
	})),
);

describe.each(DUMPS)('the $file description', ({ file: fileName, dump: dumpOf }) => {
	const file = join(DUMP_FOLDER, fileName);

	it('is the committed dump, parameter for parameter', () => {
		const dump = dumpOf();
		if (process.env.UPDATE_DESCRIPTION_DUMPS) {
			mkdirSync(DUMP_FOLDER, { recursive: true });
			writeFileSync(file, dump);
		}
		expect(existsSync(file)).toBe(true);
		// Compared line by line so that a failure shows where the description changed.
		expect(dump.split('\n')).toEqual(readFileSync(file, 'utf8').split('\n'));
	});
});
