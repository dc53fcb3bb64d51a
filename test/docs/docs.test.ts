/**
 * The README and the pages in docs/: every relative link leads to a file that exists, every anchor
 * to a heading that exists (as GitHub derives anchors from headings), the nodes' and credentials'
 * documentation links land on README sections, and the figures the pages quote are the node's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';

import { BuildWorkPro } from '../../nodes/BuildWorkPro/BuildWorkPro.node';

const repoRoot = resolve(__dirname, '..', '..');
const REPOSITORY_URL = 'https://github.com/buildworkpro/n8n-nodes-buildworkpro';

const pages = [
	'README.md',
	...readdirSync(join(repoRoot, 'docs'))
		.filter((name) => name.endsWith('.md'))
		.map((name) => `docs/${name}`),
];
const read = (page: string) => readFileSync(join(repoRoot, page), 'utf8');

/** The page without fenced code blocks (a `# comment` in a shell example is no heading). */
function withoutCodeBlocks(markdown: string): string {
	return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces turned into hyphens. */
function slug(heading: string): string {
	return heading
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.trim()
		.replace(/\s/g, '-');
}

/** Every anchor a page offers, numbered as GitHub numbers repeated headings. */
function anchorsOf(page: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const [, heading] of withoutCodeBlocks(read(page)).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
		const base = slug(heading);
		const count = seen.get(base) ?? 0;
		anchors.add(count ? `${base}-${count}` : base);
		seen.set(base, count + 1);
	}
	return anchors;
}

/** The targets of a page's links and images, without code (`[a, b](…)` in code is no link). */
function linksOf(page: string): string[] {
	const text = withoutCodeBlocks(read(page)).replace(/`[^`\n]*`/g, '');
	return [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(
		([, target]) => target,
	);
}

describe.each(pages)('%s', (page) => {
	it('starts with a title, then says what the package is (README) or who the page is for', () => {
		// Badges (a line of linked images) may stand between the title and the first sentence.
		const [title, ...rest] = read(page).split('\n');
		const firstLine = rest.find((line) => line.trim() !== '' && !line.startsWith('[!['));
		expect(title).toMatch(/^# \S/);
		expect(firstLine).toMatch(page === 'README.md' ? /^n8n community nodes for / : /^For \S/);
	});

	it('links only to files and headings that exist', () => {
		const broken: string[] = [];
		for (const target of linksOf(page)) {
			if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
			const [path, anchor] = target.split('#');
			const file = path ? relative(repoRoot, resolve(dirname(join(repoRoot, page)), path)) : page;
			if (!existsSync(join(repoRoot, file))) broken.push(`${target}: ${file} does not exist`);
			else if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor))
				broken.push(`${target}: ${file} has no heading #${anchor}`);
		}
		expect(broken).toEqual([]);
	});
});

describe('links from the nodes and credentials into the README', () => {
	const sources = [
		...['BuildWorkPro', 'BuildWorkProTrigger'].map((node) => `nodes/${node}/${node}.node.json`),
		...readdirSync(join(repoRoot, 'credentials')).map((name) => `credentials/${name}`),
	];
	const links = sources.flatMap((source) =>
		[...read(source).matchAll(new RegExp(`${REPOSITORY_URL}#([\\w-]+)`, 'g'))].map(
			([url, anchor]) => ({ source, url, anchor }),
		),
	);

	it('exist (the documentation links n8n shows in the node and credential panels)', () => {
		expect(links.length).toBeGreaterThan(0);
	});

	it.each(links.map((link) => [link.url, link.source, link.anchor]))(
		'%s (from %s) lands on a README heading',
		(_url, _source, anchor) => {
			if (anchor === 'readme') return; // GitHub's anchor for the README itself
			expect(anchorsOf('README.md')).toContain(anchor);
		},
	);
});

describe('the figures the pages quote', () => {
	const { properties } = new BuildWorkPro().description;
	const resources = (properties.find((property) => property.name === 'resource') as INodeProperties)
		.options!.length;
	const operations = properties
		.filter((property) => property.name === 'operation')
		.reduce((sum, selector) => sum + (selector.options?.length ?? 0), 0);

	it.each(['README.md', 'docs/operations.md'])(
		'%s names the number of operations and resources the node has',
		(page) => {
			const quoted = [...read(page).matchAll(/(\d+) operations on (\d+) resources/g)];
			expect(quoted.length).toBeGreaterThan(0);
			for (const [, quotedOperations, quotedResources] of quoted)
				expect([Number(quotedOperations), Number(quotedResources)]).toEqual([
					operations,
					resources,
				]);
		},
	);
});
