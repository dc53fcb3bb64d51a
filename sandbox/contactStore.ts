/** Every tenant's contacts: one id sequence, one table per tenant, and the changes the routes make. */
import { filterFingerprint } from './cursor';
import { notFound } from './problems';
import { parseDateParam } from './query';
import { generateContacts } from './seed';
import {
	ContactTable,
	buildSearchText,
	contactMatcher,
	newStoredContact,
	type ContactFilters,
	type ContactInput,
	type StoredContact,
} from './contacts';

/** updatedAt strictly after the previous one, even for two changes within one millisecond. */
const nextUpdatedAt = (previous: string) =>
	new Date(Math.max(Date.now(), Date.parse(previous) + 1)).toISOString();

/** The list filters of a query, and their fingerprint (a cursor is only valid for the same filters). */
export function contactFiltersOf(query: Record<string, string>): {
	filters: ContactFilters;
	fingerprint: string;
} {
	const filters: ContactFilters = {
		type: query.type || undefined,
		search: query.search || undefined,
		dateFromMs: parseDateParam('dateFrom', query.dateFrom),
		dateToMs: parseDateParam('dateTo', query.dateTo),
	};
	const fingerprint = filterFingerprint({
		type: query.type,
		search: query.search,
		dateFrom: query.dateFrom,
		dateTo: query.dateTo,
	});
	return { filters, fingerprint };
}

export class ContactStore {
	private tables = new Map<number, ContactTable>();
	private nextId = 1;

	table(tenantId: number): ContactTable {
		let table = this.tables.get(tenantId);
		if (!table) this.tables.set(tenantId, (table = new ContactTable()));
		return table;
	}

	reset(): void {
		this.tables.clear();
	}

	/** Adds `count` generated contacts; returns the tenant's live total. */
	seed(count: number, tenantId: number): number {
		const table = this.table(tenantId);
		const now = Date.now();
		// Spread creation times over the past, one minute apart, oldest first.
		const step = 60_000;
		const inputs = generateContacts(count, this.nextId);
		inputs.forEach((input, i) => {
			table.insert(newStoredContact(this.nextId++, tenantId, input, now - (count - i) * step));
		});
		return table.liveCount;
	}

	/** The tenant's live contacts matching `filters`, ascending id. */
	matching(tenantId: number, filters: ContactFilters): StoredContact[] {
		const matches = contactMatcher(filters);
		const table = this.table(tenantId);
		const contacts: StoredContact[] = [];
		for (const id of table.ids) {
			const c = table.byId.get(id)!;
			if (matches(c)) contacts.push(c);
		}
		return contacts;
	}

	find(tenantId: number, id: number): StoredContact {
		const contact = this.table(tenantId).getLive(id);
		if (!contact) throw notFound(`Contact ${id} not found.`);
		return contact;
	}

	create(tenantId: number, input: ContactInput): StoredContact {
		const contact = newStoredContact(this.nextId++, tenantId, input, Date.now());
		this.table(tenantId).insert(contact);
		return contact;
	}

	/** Applies the changed fields; answers their previous values (empty: nothing changed). */
	update(contact: StoredContact, input: ContactInput): Record<string, unknown> {
		const previous: Record<string, unknown> = {};
		const stored = contact as unknown as Record<string, unknown>;
		for (const [field, value] of Object.entries(input)) {
			if (stored[field] !== value) {
				previous[field] = stored[field];
				stored[field] = value;
			}
		}
		if (Object.keys(previous).length) {
			contact.updatedAt = nextUpdatedAt(contact.updatedAt);
			contact.searchText = buildSearchText(contact);
		}
		return previous;
	}

	remove(contact: StoredContact): void {
		this.table(contact.tenantId).softDelete(contact, new Date().toISOString());
	}

	/** Puts a soft-deleted contact back among the live ones; answers undefined when it was live. */
	restore(tenantId: number, id: number): StoredContact | undefined {
		const table = this.table(tenantId);
		const contact = table.byId.get(id);
		if (!contact) throw notFound(`Contact ${id} not found.`);
		if (contact.deletedAt === null) return undefined;
		contact.deletedAt = null;
		table.liveCount++;
		contact.updatedAt = nextUpdatedAt(contact.updatedAt);
		return contact;
	}
}
