/**
 * Calendar events: Get Many over a Start–End window (both required, at most 366 days), not
 * paginated, with Types, Assigned To and Project ID filters, through n8n-core's engine against the sandbox.
 */
import { apiRequests, runResource, sandboxApi, useSandbox } from './support';

const env = useSandbox();

beforeEach(() => env.sandbox.reset());

const api = sandboxApi(env);

/** A month of work: a project, a bid due on it and a lead expected to close, made through the API. */
async function march() {
	const project = await api('POST', '/projects', {
		name: 'Riverside slab',
		startDate: '2025-03-10',
		expectedEndDate: '2025-05-01',
		assignedTo: 7,
	});
	const other = await api('POST', '/projects', {
		name: 'Clinic HVAC',
		startDate: '2025-03-02',
		expectedEndDate: '2025-03-28',
	});
	await api('POST', '/projects', {
		name: 'Summer job',
		startDate: '2025-07-01',
		expectedEndDate: '2025-08-01',
	});
	const bid = await api('POST', '/bids', {
		name: 'Storefront glazing',
		dueDate: '2025-03-05T17:00:00Z',
		projectId: project.id,
	});
	const [stage] = await api('GET', '/lead-stages');
	const lead = await api('POST', '/leads', {
		name: 'Harbor View retail',
		stageId: stage.id,
		expectedCloseDate: '2025-03-20',
		assignedTo: 7,
	});
	env.sandbox.clearRequestLog();
	return { project, other, bid, lead };
}

const MARCH = { start: '2025-03-01T00:00:00', end: '2025-03-31T23:59:59' };

describe('Calendar Event: Get Many', () => {
	it('lists the events overlapping the window in one request, Start and End sent as UTC timestamps', async () => {
		const { project, other, bid, lead } = await march();

		const result = await runResource(env.sandbox, 'calendarEvent', {
			operation: 'getAll',
			...MARCH,
			returnAll: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((e) => e.id)).toEqual([
			`project-${other.id}`,
			`bid-${bid.id}`,
			`project-${project.id}`,
			`lead-${lead.id}`,
		]);
		expect(result.json[1]).toEqual(
			expect.objectContaining({
				type: 'bid',
				title: 'Bid due: Storefront glazing',
				projectId: project.id,
			}),
		);
		const gets = apiRequests(env.sandbox, 'GET');
		expect(gets).toHaveLength(1);
		expect(gets[0].path).toBe('/api/v1/calendar/events');
		expect(gets[0].query).toEqual({
			start: '2025-03-01T00:00:00.000Z',
			end: '2025-03-31T23:59:59.000Z',
		});
	});

	it('Limit keeps the first events of the window', async () => {
		const { other, bid } = await march();

		const result = await runResource(env.sandbox, 'calendarEvent', {
			operation: 'getAll',
			...MARCH,
			returnAll: false,
			limit: 2,
		});

		expect(result.json.map((e) => e.id)).toEqual([`project-${other.id}`, `bid-${bid.id}`]);
	});

	it('Types (several at once), Assigned To and Project ID narrow the events', async () => {
		const { project, bid, lead } = await march();

		const types = await runResource(env.sandbox, 'calendarEvent', {
			operation: 'getAll',
			...MARCH,
			returnAll: true,
			filters: { types: ['bid', 'lead'] },
		});
		expect(types.json.map((e) => e.id)).toEqual([`bid-${bid.id}`, `lead-${lead.id}`]);
		expect(apiRequests(env.sandbox, 'GET')[0].query).toMatchObject({ types: 'bid,lead' });

		const assigned = await runResource(env.sandbox, 'calendarEvent', {
			operation: 'getAll',
			...MARCH,
			returnAll: true,
			filters: { assignedTo: 7 },
		});
		expect(assigned.json.map((e) => e.id)).toEqual([`project-${project.id}`, `lead-${lead.id}`]);

		const ofProject = await runResource(env.sandbox, 'calendarEvent', {
			operation: 'getAll',
			...MARCH,
			returnAll: true,
			filters: { projectId: project.id },
		});
		expect(ofProject.json.map((e) => e.id)).toEqual([`bid-${bid.id}`, `project-${project.id}`]);
	});

	it('a window BuildWorkPro would refuse (End before Start, longer than 366 days, not a date) is refused before anything is sent', async () => {
		const backwards = await runResource(env.sandbox, 'calendarEvent', {
			operation: 'getAll',
			start: '2025-03-31',
			end: '2025-03-01',
			returnAll: true,
		});
		expect(backwards.error?.message).toBe('End is before Start');

		const tooLong = await runResource(env.sandbox, 'calendarEvent', {
			operation: 'getAll',
			start: '2025-01-01',
			end: '2026-01-03',
			returnAll: true,
		});
		expect(tooLong.error?.message).toBe('The window from Start to End is longer than 366 days');

		const notADate = await runResource(env.sandbox, 'calendarEvent', {
			operation: 'getAll',
			start: 'next monday',
			end: '2025-03-01',
			returnAll: true,
		});
		expect(notADate.error?.message).toBe('Start is not a valid date: "next monday"');

		expect(apiRequests(env.sandbox)).toHaveLength(0);
	});

	it("BuildWorkPro's own refusal reaches the user with its status and code", async () => {
		const result = await runResource(
			env.sandbox,
			'calendarEvent',
			{ operation: 'getAll', ...MARCH, returnAll: true, filters: { projectId: 5 } },
			{ apiKey: env.sandbox.keys.readOnly },
		);

		expect(result.error?.description).toContain('HTTP status: 403');
		expect(result.error?.description).toContain('Code: scope_insufficient');
	});
});
