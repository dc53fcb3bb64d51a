/**
 * Contact records: the stored shape, validation (CreateContact / UpdateContact), presentation,
 * list filters and one tenant's table (sandbox/contactStore.ts holds every tenant's).
 */
import type { Contact } from './types';
import { badRequest, validationFailed, type FieldError } from './problems';
import { EMAIL_PATTERN } from './query';

export const CONTACT_TYPES = [
	'customer',
	'general_contractor',
	'architect',
	'city',
	'hoa',
	'vendor',
	'subcontractor',
	'supplier',
	'employee',
	'partner',
	'other',
] as const;

export interface StoredContact extends Contact {
	tenantId: number;
	createdAtMs: number;
	deletedAt: string | null;
	/** Lower-cased text that `search` matches against. */
	searchText: string;
}

const NON_EMPTY_STRINGS = ['firstName', 'lastName', 'companyName'] as const;
const NULLABLE_STRINGS = ['position', 'email', 'phone', 'mobile', 'website', 'notes'] as const;
export const WRITABLE_FIELDS = [
	...NON_EMPTY_STRINGS,
	...NULLABLE_STRINGS,
	'parentContactId',
	'type',
] as const;
export type ContactInput = Partial<Pick<Contact, (typeof WRITABLE_FIELDS)[number]>>;

const describe = (value: unknown) =>
	value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * Validates a create/update body. Unknown fields are ignored (the schemas do not forbid them).
 * Returns only the known fields.
 */
export function validateContactInput(body: unknown, mode: 'create' | 'update'): ContactInput {
	if (body === undefined) body = {};
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw badRequest('The request body must be a JSON object.');
	}
	const input = body as Record<string, unknown>;
	const errors: FieldError[] = [];
	const out: Record<string, unknown> = {};

	for (const field of NON_EMPTY_STRINGS) {
		if (!(field in input)) continue;
		const value = input[field];
		if (typeof value !== 'string') {
			errors.push({
				field,
				code: 'invalid_type',
				message: `${field} must be a string, got ${describe(value)}.`,
			});
		} else if (value.length === 0) {
			errors.push({ field, code: 'too_short', message: `${field} must not be empty.` });
		} else out[field] = value;
	}
	for (const field of NULLABLE_STRINGS) {
		if (!(field in input)) continue;
		const value = input[field];
		if (value !== null && typeof value !== 'string') {
			errors.push({
				field,
				code: 'invalid_type',
				message: `${field} must be a string or null, got ${describe(value)}.`,
			});
		} else if (field === 'email' && typeof value === 'string' && !EMAIL_PATTERN.test(value)) {
			errors.push({
				field,
				code: 'invalid_format',
				message: 'email must be a valid email address or null.',
			});
		} else out[field] = value;
	}
	if ('parentContactId' in input) {
		const value = input.parentContactId;
		if (value !== null && !(typeof value === 'number' && Number.isInteger(value))) {
			errors.push({
				field: 'parentContactId',
				code: 'invalid_type',
				message: 'parentContactId must be an integer or null.',
			});
		} else if (typeof value === 'number' && value <= 0) {
			errors.push({
				field: 'parentContactId',
				code: 'too_small',
				message: 'parentContactId must be a positive integer.',
			});
		} else out.parentContactId = value;
	}
	if ('type' in input) {
		const value = input.type;
		if (typeof value !== 'string' || !(CONTACT_TYPES as readonly string[]).includes(value)) {
			errors.push({
				field: 'type',
				code: typeof value === 'string' ? 'invalid_enum' : 'invalid_type',
				message: `type must be one of: ${CONTACT_TYPES.join(', ')}.`,
			});
		} else out.type = value;
	} else if (mode === 'create') {
		errors.push({ field: 'type', code: 'required', message: 'type is required.' });
	}

	if (errors.length) throw validationFailed(errors);
	return out as ContactInput;
}

export function buildSearchText(c: Contact): string {
	return [
		c.firstName,
		c.lastName,
		c.companyName,
		c.email,
		`${c.firstName ?? ''} ${c.lastName ?? ''}`,
	]
		.filter(Boolean)
		.join('\n')
		.toLowerCase();
}

/** The public representation of a stored contact. `compact` keeps only the documented core fields. */
export function presentContact(
	c: StoredContact,
	compact = false,
): Contact | Record<string, unknown> {
	const core = {
		id: c.id,
		firstName: c.firstName,
		lastName: c.lastName,
		companyName: c.companyName,
		email: c.email,
		phone: c.phone,
		type: c.type,
		createdAt: c.createdAt,
		updatedAt: c.updatedAt,
	};
	if (compact) return core;
	return {
		...core,
		mobile: c.mobile,
		website: c.website,
		notes: c.notes,
		position: c.position,
		parentContactId: c.parentContactId,
	};
}

export interface ContactFilters {
	type?: string;
	search?: string;
	dateFromMs?: number;
	dateToMs?: number;
}

export function contactMatcher(filters: ContactFilters): (c: StoredContact) => boolean {
	const search = filters.search?.trim().toLowerCase();
	return (c) =>
		c.deletedAt === null &&
		(filters.type === undefined || c.type === filters.type) &&
		(filters.dateFromMs === undefined || c.createdAtMs >= filters.dateFromMs) &&
		(filters.dateToMs === undefined || c.createdAtMs <= filters.dateToMs) &&
		(!search || c.searchText.includes(search));
}

/** One tenant's contacts, kept in id order so list pages can binary-search their start. */
export class ContactTable {
	readonly ids: number[] = [];
	readonly byId = new Map<number, StoredContact>();
	liveCount = 0;

	insert(contact: StoredContact): void {
		// Ids come from one increasing sequence, so appending keeps `ids` sorted.
		this.ids.push(contact.id);
		this.byId.set(contact.id, contact);
		this.liveCount++;
	}

	getLive(id: number): StoredContact | undefined {
		const c = this.byId.get(id);
		return c && c.deletedAt === null ? c : undefined;
	}

	softDelete(c: StoredContact, at: string): void {
		c.deletedAt = at;
		this.liveCount--;
	}
}

export function newStoredContact(
	id: number,
	tenantId: number,
	input: ContactInput,
	nowMs: number,
): StoredContact {
	const at = new Date(nowMs).toISOString();
	const contact: StoredContact = {
		id,
		tenantId,
		firstName: input.firstName ?? null,
		lastName: input.lastName ?? null,
		companyName: input.companyName ?? null,
		email: input.email ?? null,
		phone: input.phone ?? null,
		mobile: input.mobile ?? null,
		website: input.website ?? null,
		notes: input.notes ?? null,
		position: input.position ?? null,
		parentContactId: input.parentContactId ?? null,
		type: input.type ?? 'other',
		createdAt: at,
		updatedAt: at,
		createdAtMs: nowMs,
		deletedAt: null,
		searchText: '',
	};
	contact.searchText = buildSearchText(contact);
	return contact;
}
