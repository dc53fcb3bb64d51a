/**
 * Comments: a record's thread (Get Many by entity type and ID), posting, editing and deleting
 * comments, through n8n-core's engine against the sandbox.
 */
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

async function project(): Promise<{ id: number }> {
	return await api('POST', '/projects', { name: 'Riverside office build-out' });
}

/** A project with a thread of `count` comments posted through the API; the request log is cleared afterwards. */
async function thread(count: number) {
	const { id } = await project();
	const comments: Array<{ id: number; content: string }> = [];
	for (let i = 1; i <= count; i++)
		comments.push(
			await api('POST', '/comments', {
				entityType: 'project',
				entityId: id,
				content: `Comment ${i}`,
			}),
		);
	env.sandbox.clearRequestLog();
	return { projectId: id, comments };
}

describe('Comment: Create', () => {
	it('posts entity type, entity ID and content, and outputs the new comment', async () => {
		const { id: projectId } = await project();

		const result = await runResource(env.sandbox, 'comment', {
			operation: 'create',
			entityType: 'project',
			entityId: projectId,
			content: 'Can we move the pour to Thursday?',
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({
				id: expect.any(Number),
				entityType: 'project',
				entityId: projectId,
				content: 'Can we move the pour to Thursday?',
				parentId: null,
			}),
		]);
		const post = apiRequests(env.sandbox, 'POST').at(-1);
		expect(post?.path).toBe('/api/v1/comments');
		expect(post?.body).toEqual({
			entityType: 'project',
			entityId: projectId,
			content: 'Can we move the pour to Thursday?',
		});
	});

	it('a reply sends Reply To Comment ID as parentId, and the thread shows it under its parent', async () => {
		const { projectId, comments } = await thread(1);

		const reply = await runResource(env.sandbox, 'comment', {
			operation: 'create',
			entityType: ' project ',
			entityId: projectId,
			content: 'Yes, 7 am.',
			additionalFields: { parentId: comments[0].id },
		});

		expect(reply.json).toEqual([
			expect.objectContaining({ parentId: comments[0].id, content: 'Yes, 7 am.' }),
		]);
		expect(apiRequests(env.sandbox, 'POST').at(-1)?.body).toEqual({
			entityType: 'project',
			entityId: projectId,
			content: 'Yes, 7 am.',
			parentId: comments[0].id,
		});
	});

	it('a comment on a record that does not exist is refused: the message names the field, the description carries 422', async () => {
		const result = await runResource(env.sandbox, 'comment', {
			operation: 'create',
			entityType: 'bid',
			entityId: 999999,
			content: 'Check the allowance',
		});

		expect(result.error?.message).toMatch(/^Entity ID: bid 999999 does not exist/);
		expect(result.error?.description).toContain('Code: validation_failed');
		expect(result.error?.description).toContain('HTTP status: 422');
	});

	it('content longer than BuildWorkPro takes is refused with a 422 naming Content; empty content is never sent', async () => {
		const { id: projectId } = await project();

		const tooLong = await runResource(env.sandbox, 'comment', {
			operation: 'create',
			entityType: 'project',
			entityId: projectId,
			content: 'x'.repeat(10_001),
		});
		expect(tooLong.error?.message).toBe('Content must be at most 10000 characters.');
		expect(tooLong.error?.description).toContain('HTTP status: 422');

		env.sandbox.clearRequestLog();
		await expect(
			runResource(env.sandbox, 'comment', {
				operation: 'create',
				entityType: 'project',
				entityId: projectId,
				content: '',
			}),
		).rejects.toThrow('Parameter "Content" is required.');
		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it('an empty Entity Type or an Entity ID of 0 is refused before anything is sent', async () => {
		const noType = await runResource(env.sandbox, 'comment', {
			operation: 'create',
			entityType: '  ',
			entityId: 4,
			content: 'Hello',
		});
		expect(noType.error?.message).toBe('Entity Type is empty');

		const noId = await runResource(env.sandbox, 'comment', {
			operation: 'getAll',
			entityType: 'project',
			entityId: 0,
		});
		expect(noId.error?.message).toBe('Entity ID must be a positive whole number, but it is "0"');

		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});
});

describe('Comment: Get Many (the thread of one record)', () => {
	it('Return All outputs every comment of the record, oldest first, in one request without paging parameters', async () => {
		const { projectId, comments } = await thread(3);

		const result = await runResource(env.sandbox, 'comment', {
			operation: 'getAll',
			entityType: 'project',
			entityId: projectId,
			returnAll: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((c) => c.id)).toEqual(comments.map((c) => c.id));
		const gets = apiRequests(env.sandbox, 'GET');
		expect(gets).toHaveLength(1);
		expect(gets[0].path).toBe(`/api/v1/comments/project/${projectId}`);
		expect(gets[0].query).toEqual({});
	});

	it('Limit keeps the first comments of the thread', async () => {
		const { projectId, comments } = await thread(4);

		const result = await runResource(env.sandbox, 'comment', {
			operation: 'getAll',
			entityType: 'project',
			entityId: projectId,
			returnAll: false,
			limit: 2,
		});

		expect(result.json.map((c) => c.id)).toEqual(comments.slice(0, 2).map((c) => c.id));
	});

	it('the entity type goes into the path URL-encoded: "change_order" works, "project/1" stays one segment', async () => {
		const { id: projectId } = await project();
		const co = await api('POST', '/change-orders', {
			projectId,
			title: 'Extra outlets',
			reason: 'owner_request',
		});
		await api('POST', '/comments', {
			entityType: 'change_order',
			entityId: co.id,
			content: 'Owner agreed',
		});

		const result = await runResource(env.sandbox, 'comment', {
			operation: 'getAll',
			entityType: 'change_order',
			entityId: co.id,
			returnAll: true,
		});
		expect(result.json).toEqual([
			expect.objectContaining({ entityType: 'change_order', content: 'Owner agreed' }),
		]);

		env.sandbox.clearRequestLog();
		const sneaky = await runResource(env.sandbox, 'comment', {
			operation: 'getAll',
			entityType: `project/${projectId}`,
			entityId: 1,
			returnAll: true,
		});
		expect(sneaky.error).toBeDefined();
		expect(apiRequests(env.sandbox, 'GET')[0].path).toBe(
			`/api/v1/comments/project%2F${projectId}/1`,
		);
	});

	it('the thread of a record that does not exist is a 404 the user can read', async () => {
		const result = await runResource(env.sandbox, 'comment', {
			operation: 'getAll',
			entityType: 'project',
			entityId: 999999,
			returnAll: true,
		});

		expect(result.error?.description).toContain('HTTP status: 404');
		expect(result.error?.description).toContain('Code: not_found');
	});
});

describe('Comment: Update and Delete', () => {
	it('Update sends the new content only and outputs the edited comment', async () => {
		const { comments } = await thread(1);

		const result = await runResource(env.sandbox, 'comment', {
			operation: 'update',
			commentId: String(comments[0].id),
			content: 'Pour moved to Friday',
		});

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({ id: comments[0].id, content: 'Pour moved to Friday' }),
		]);
		const patch = apiRequests(env.sandbox, 'PATCH')[0];
		expect(patch).toMatchObject({
			path: `/api/v1/comments/${comments[0].id}`,
			body: { content: 'Pour moved to Friday' },
		});
	});

	it('Delete outputs the ID with deleted true; the comment leaves the thread and editing it is then a 404', async () => {
		const { projectId, comments } = await thread(2);

		const deleted = await runResource(env.sandbox, 'comment', {
			operation: 'delete',
			commentId: String(comments[0].id),
		});
		expect(deleted.error).toBeUndefined();
		expect(deleted.json).toEqual([{ id: comments[0].id, deleted: true }]);

		const left = await runResource(env.sandbox, 'comment', {
			operation: 'getAll',
			entityType: 'project',
			entityId: projectId,
			returnAll: true,
		});
		expect(left.json.map((c) => c.id)).toEqual([comments[1].id]);

		const gone = await runResource(env.sandbox, 'comment', {
			operation: 'update',
			commentId: String(comments[0].id),
			content: 'Too late',
		});
		expect(gone.error?.description).toContain('HTTP status: 404');
	});
});
