// A small construction pipeline for `npm run dev`: leads in several stages, bids in several
// states, projects, change orders, pay applications and an invoice, so every part of the node the
// README shows has records to work on. Created through BuildWorkPro's public API with an API key,
// as a company using BuildWorkPro would have made them, so the server's own rules apply (numbers,
// totals, state changes). Run it before any workflow listens: seeding sends no deliveries then.

export interface DemoRecord {
	id: number;
	/** What BuildWorkPro shows for it: BID-00004, PA-00002, a lead's name. */
	label: string;
}

export interface DemoPipeline {
	leads: number;
	/** A bid sent to its customer and waiting for an answer: accepting it starts the "bid accepted" recipe. */
	sentBid: DemoRecord;
	/** Accepted and converted: the project came from it. */
	acceptedBid: DemoRecord;
	draftBid: DemoRecord;
	project: DemoRecord;
	/** A pay application submitted for approval: approving it starts the "pay app approved" recipe. */
	submittedPayApp: DemoRecord;
	approvedPayApp: DemoRecord;
	approvedChangeOrder: DemoRecord;
	invoice: DemoRecord;
}

type Api = <T = Record<string, unknown>>(
	method: string,
	path: string,
	body?: unknown,
) => Promise<T>;

/** Calls BuildWorkPro at `baseUrl` (…/api/v1) with an API key; returns the answer's `data`. */
export function apiClient(baseUrl: string, apiKey: string): Api {
	return async (method, path, body) => {
		const response = await fetch(`${baseUrl}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${apiKey}`,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(
				`BuildWorkPro ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`,
			);
		return (text ? JSON.parse(text).data : undefined) as never;
	};
}

interface Stage {
	id: number;
	name: string;
	order: number;
	isWon: boolean;
	isLost: boolean;
}

interface Bid {
	id: number;
	bidNumber: string;
}

const LINE_ITEMS: Record<
	string,
	Array<{ description: string; quantity: string; unitPrice: string }>
> = {
	storefront: [
		{ description: 'Demolition of the existing storefront', quantity: '1', unitPrice: '6400.00' },
		{
			description: 'Aluminium storefront framing and glazing (LF)',
			quantity: '48',
			unitPrice: '310.00',
		},
		{ description: 'Interior finishes and paint (SF)', quantity: '1850', unitPrice: '7.40' },
	],
	mezzanine: [
		{ description: 'Structural steel mezzanine (SF)', quantity: '2200', unitPrice: '38.00' },
		{ description: 'Stairs and guardrails', quantity: '1', unitPrice: '14800.00' },
	],
	kitchen: [
		{ description: 'Cabinets, supply and install', quantity: '14', unitPrice: '890.00' },
		{ description: 'Quartz countertops (SF)', quantity: '62', unitPrice: '95.00' },
	],
	deck: [{ description: 'Composite deck replacement (SF)', quantity: '420', unitPrice: '42.00' }],
};

/**
 * Seeds the pipeline into an (otherwise empty) tenant: six leads over the stages, four bids
 * (draft, sent, accepted and converted to a project, rejected), a second project, two change
 * orders (approved, submitted), two pay applications (approved, submitted) and a deposit invoice
 * from the accepted bid. Uses the tenant's first contacts, creating a few when there are none.
 */
export async function seedDemoPipeline(baseUrl: string, apiKey: string): Promise<DemoPipeline> {
	const api = apiClient(baseUrl, apiKey);

	const stages = (await api<Stage[]>('GET', '/lead-stages')).sort((a, b) => a.order - b.order);
	const open = stages.filter((stage) => !stage.isWon && !stage.isLost);
	const stage = (index: number) => open[Math.min(index, open.length - 1)].id;
	const won = stages.find((candidate) => candidate.isWon)?.id ?? stage(open.length - 1);
	const lost = stages.find((candidate) => candidate.isLost)?.id ?? stage(0);

	const contacts = await customers(api);
	const contact = (index: number) => contacts[index % contacts.length];

	const lead = async (name: string, stageId: number, contactId: number, value: string) =>
		await api<{ id: number; name: string }>('POST', '/leads', {
			name,
			stageId,
			contactId,
			estimatedValue: value,
			projectType: /house|kitchen|deck|garage/i.test(name) ? 'residential' : 'commercial',
			source: 'Referral',
		});
	const bidFor = async (
		leadId: number,
		contactId: number,
		name: string,
		items: (typeof LINE_ITEMS)[string],
	) => {
		const bid = await api<Bid>('POST', '/bids', { name, leadId, contactId, taxRate: '8.25' });
		for (const item of items) await api('POST', `/bids/${bid.id}/line-items`, item);
		return bid;
	};

	await lead('Garage conversion, 18 Elm Street', stage(0), contact(0).id, '38000');
	await lead('Dental office fit-out, 3rd floor', stage(1), contact(1).id, '125000');
	const kitchenLead = await lead(
		'Kitchen remodel, 412 Oak Avenue',
		stage(2),
		contact(2).id,
		'24000',
	);
	const mezzanineLead = await lead('Warehouse mezzanine', stage(3), contact(3).id, '98000');
	const storefrontLead = await lead('Retail storefront renovation', won, contact(4).id, '60000');
	const deckLead = await lead('Deck replacement, 7 Birch Lane', lost, contact(5).id, '17000');

	const draftBid = await bidFor(
		kitchenLead.id,
		contact(2).id,
		'Kitchen remodel',
		LINE_ITEMS.kitchen,
	);
	const sentBid = await bidFor(
		mezzanineLead.id,
		contact(3).id,
		'Warehouse mezzanine',
		LINE_ITEMS.mezzanine,
	);
	await api('POST', `/bids/${sentBid.id}/send`);

	const acceptedBid = await bidFor(
		storefrontLead.id,
		contact(4).id,
		'Retail storefront renovation',
		LINE_ITEMS.storefront,
	);
	await api('POST', `/bids/${acceptedBid.id}/send`);
	await api('POST', `/bids/${acceptedBid.id}/accept`, { acceptedBy: contactName(contact(4)) });
	const converted = await api<{ project: { id: number; projectNumber: string; name: string } }>(
		'POST',
		`/bids/${acceptedBid.id}/convert-to-project`,
		{ mappingStrategy: 'phases', startDate: daysFromNow(-30) },
	);
	const project = converted.project;
	await api('PATCH', `/projects/${project.id}`, { status: 'in_progress' });

	const deckBid = await bidFor(deckLead.id, contact(5).id, 'Deck replacement', LINE_ITEMS.deck);
	await api('POST', `/bids/${deckBid.id}/send`);
	await api('POST', `/bids/${deckBid.id}/reject`, { reason: 'Went with a cheaper quote' });

	await api('POST', '/projects', {
		name: 'Medical clinic tenant improvement',
		contactId: contact(1).id,
		projectType: 'commercial',
		status: 'planning',
		contractValue: '245000.00',
		startDate: daysFromNow(14),
	});

	const approvedChangeOrder = await api<{ id: number; changeOrderNumber: string }>(
		'POST',
		'/change-orders',
		{
			projectId: project.id,
			title: 'Additional electrical outlets',
			reason: 'Owner request: six more outlets along the display wall',
		},
	);
	await api('POST', `/change-orders/${approvedChangeOrder.id}/submit`);
	await api('POST', `/change-orders/${approvedChangeOrder.id}/approve`, {
		approvedBy: contactName(contact(4)),
	});
	const pendingChangeOrder = await api<{ id: number }>('POST', '/change-orders', {
		projectId: project.id,
		title: 'Upgrade to low-E glazing',
		reason: 'Energy code review by the owner',
	});
	await api('POST', `/change-orders/${pendingChangeOrder.id}/submit`);

	const payApp = async (from: number, to: number) =>
		await api<{ id: number; payAppNumber: string }>('POST', '/pay-apps', {
			projectId: project.id,
			periodStart: daysFromNow(from),
			periodEnd: daysFromNow(to),
			retainagePercent: '10',
		});
	const approvedPayApp = await payApp(-30, -16);
	await api('POST', `/pay-apps/${approvedPayApp.id}/submit`);
	await api('POST', `/pay-apps/${approvedPayApp.id}/approve`);
	const submittedPayApp = await payApp(-15, -1);
	await api('POST', `/pay-apps/${submittedPayApp.id}/submit`);

	const invoice = await api<{ id: number; invoiceNumber: string }>('POST', '/invoices/from-bid', {
		bidId: acceptedBid.id,
		mode: 'percent',
		value: 30,
		dueDate: daysFromNow(14),
		notesToCustomer: 'Deposit of 30% on the accepted bid.',
	});

	return {
		leads: 6,
		sentBid: { id: sentBid.id, label: sentBid.bidNumber },
		acceptedBid: { id: acceptedBid.id, label: acceptedBid.bidNumber },
		draftBid: { id: draftBid.id, label: draftBid.bidNumber },
		project: { id: project.id, label: `${project.projectNumber} ${project.name}` },
		submittedPayApp: { id: submittedPayApp.id, label: submittedPayApp.payAppNumber },
		approvedPayApp: { id: approvedPayApp.id, label: approvedPayApp.payAppNumber },
		approvedChangeOrder: {
			id: approvedChangeOrder.id,
			label: approvedChangeOrder.changeOrderNumber,
		},
		invoice: { id: invoice.id, label: invoice.invoiceNumber },
	};
}

interface Contact {
	id: number;
	firstName?: string | null;
	lastName?: string | null;
	companyName?: string | null;
}

/** The tenant's first customers (or its first contacts), creating three when it has none. */
async function customers(api: Api): Promise<Contact[]> {
	const listed = await api<Array<Contact & { type?: string }>>('GET', '/contacts?limit=50');
	const preferred = listed.filter((contact) => contact.type === 'customer');
	if (preferred.length >= 3) return preferred;
	if (listed.length > 0) return listed;
	const made: Contact[] = [];
	for (const [firstName, lastName, companyName] of [
		['Maria', 'Garcia', 'Garcia Retail Group'],
		['James', 'Nguyen', 'Harbor Logistics'],
		['Olivia', 'Smith', null],
	])
		made.push(
			await api<Contact>('POST', '/contacts', {
				type: 'customer',
				firstName,
				lastName,
				companyName,
			}),
		);
	return made;
}

function contactName(contact: Contact): string {
	return (
		[contact.firstName, contact.lastName].filter(Boolean).join(' ') ||
		contact.companyName ||
		`contact ${contact.id}`
	);
}

/** A date (YYYY-MM-DD) some days from today. */
function daysFromNow(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
