/**
 * What `npm run dev` puts in its sandbox besides contacts: a small construction pipeline with
 * something to try for each part of the node the README shows, made through BuildWorkPro's API
 * (so numbers, totals and states are the server's own).
 */
import { apiClient, seedDemoPipeline, type DemoPipeline } from '../../e2e/lib/demoPipeline';
import { startSandbox, type Sandbox } from '../../sandbox';

let sandbox: Sandbox;
let pipeline: DemoPipeline;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
	sandbox = await startSandbox({ seed: 20 });
	api = apiClient(sandbox.baseUrl, sandbox.keys.full);
	pipeline = await seedDemoPipeline(sandbox.baseUrl, sandbox.keys.full);
});

afterAll(async () => {
	await sandbox?.close();
});

type Row = Record<string, unknown>;
const statuses = (rows: Row[]) => rows.map((row) => row.status).sort();

it('puts leads in every stage of the pipeline, won and lost included', async () => {
	const stages = await api<Row[]>('GET', '/lead-stages');
	const leads = await api<Row[]>('GET', '/leads?limit=100');
	expect(leads).toHaveLength(pipeline.leads);
	expect(new Set(leads.map((lead) => lead.stageId))).toEqual(
		new Set(stages.map((stage) => stage.id)),
	);
});

it('has bids in each state a bid flow starts from: draft, sent, accepted and rejected', async () => {
	const bids = await api<Row[]>('GET', '/bids?limit=100');
	expect(statuses(bids)).toEqual(['accepted', 'draft', 'rejected', 'sent']);
	const sent = await api<Row>('GET', `/bids/${pipeline.sentBid.id}`);
	expect(sent).toMatchObject({ status: 'sent', bidNumber: pipeline.sentBid.label });
	expect(Number(sent.total)).toBeGreaterThan(0);
});

it('has a project made from the accepted bid, with an approved and a submitted change order', async () => {
	const project = await api<Row>('GET', `/projects/${pipeline.project.id}`);
	expect(project).toMatchObject({ bidId: pipeline.acceptedBid.id, status: 'in_progress' });
	const projects = await api<Row[]>('GET', '/projects?limit=100');
	expect(projects).toHaveLength(2);
	const changeOrders = await api<Row[]>('GET', '/change-orders?limit=100');
	expect(statuses(changeOrders)).toEqual(['approved', 'submitted']);
});

it('has a pay application approved and one waiting for approval, and a deposit invoice', async () => {
	const payApps = await api<Row[]>('GET', '/pay-apps?limit=100');
	expect(statuses(payApps)).toEqual(['approved', 'submitted']);
	expect((await api<Row>('GET', `/pay-apps/${pipeline.submittedPayApp.id}`)).status).toBe(
		'submitted',
	);
	const invoice = await api<Row>('GET', `/invoices/${pipeline.invoice.id}`);
	expect(invoice.sourceBidId).toBe(pipeline.acceptedBid.id);
	expect(Number(invoice.total)).toBeGreaterThan(0);
});

it('was made through the public API with the API key, as a company using BuildWorkPro would', () => {
	const writes = sandbox.requestLog().filter((entry) => entry.method !== 'GET');
	expect(writes.length).toBeGreaterThan(20);
	expect(writes.every((entry) => entry.path.startsWith('/api/v1/'))).toBe(true);
});
