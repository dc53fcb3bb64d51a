/** Realistic, reproducible contacts for seeding (construction subcontractor CRM flavour). */
import type { ContactInput } from './contacts';

const FIRST_NAMES = [
	'Maria',
	'James',
	'Olivia',
	'Robert',
	'Sofia',
	'Michael',
	'Emma',
	'David',
	'Ava',
	'Daniel',
	'Isabella',
	'Carlos',
	'Mia',
	'Thomas',
	'Grace',
	'Luis',
	'Hannah',
	'Kevin',
	'Chloe',
	'Andre',
	'Priya',
	'Wei',
	'Fatima',
	'Noah',
	'Zoe',
	'Ethan',
	'Lena',
	'Marcus',
	'Aisha',
	'Patrick',
];
const LAST_NAMES = [
	'Garcia',
	'Smith',
	'Johnson',
	'Nguyen',
	'Martinez',
	'Brown',
	'Lee',
	'Wilson',
	'Lopez',
	'Anderson',
	'Kim',
	'Patel',
	"O'Brien",
	'Schmidt',
	'Rossi',
	'Chen',
	'Walker',
	'Hernandez',
	'Young',
	'Novak',
	'Dubois',
	'Okafor',
	'Silva',
	'Murphy',
	'Kowalski',
];
const COMPANY_WORDS = [
	'Summit',
	'Ironwood',
	'Bluestone',
	'Cedar Ridge',
	'Granite Peak',
	'Riverbend',
	'Oak Valley',
	'Northgate',
	'Keystone',
	'Redline',
	'Harbor',
	'Pioneer',
	'Sterling',
	'Evergreen',
	'Lakeside',
	'Copper Creek',
	'Atlas',
	'Frontier',
];
const COMPANY_TRADES = [
	'Concrete',
	'Electric',
	'Plumbing',
	'Roofing',
	'Drywall',
	'HVAC',
	'Framing',
	'Masonry',
	'Excavation',
	'Steel',
	'Glass & Glazing',
	'Flooring',
	'Paint',
	'Landscaping',
	'Builders',
	'Architects',
	'Supply',
];
const COMPANY_SUFFIXES = ['LLC', 'Inc.', 'Co.', 'Group', 'Partners', 'Ltd.'];
const POSITIONS = [
	'Project Manager',
	'Estimator',
	'Superintendent',
	'Owner',
	'Foreman',
	'Purchasing Agent',
	'Office Manager',
	'Architect',
	null,
];
// Weighted towards the types a subcontractor actually deals with most.
const TYPES = [
	'customer',
	'customer',
	'customer',
	'general_contractor',
	'general_contractor',
	'subcontractor',
	'subcontractor',
	'vendor',
	'supplier',
	'supplier',
	'architect',
	'city',
	'hoa',
	'employee',
	'partner',
	'other',
];

/** mulberry32: tiny deterministic PRNG so seeded data is the same on every run. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const toDomain = (company: string) =>
	company
		.toLowerCase()
		.replace(/&/g, 'and')
		.replace(/[^a-z0-9]+/g, '')
		.slice(0, 24) + '.example.com';
const toLocalPart = (name: string) => name.toLowerCase().replace(/[^a-z.]/g, '');
function memo(cache: Map<string, string>, key: string, compute: (key: string) => string): string {
	let value = cache.get(key);
	if (value === undefined) cache.set(key, (value = compute(key)));
	return value;
}

export function generateContacts(count: number, seed = 1): ContactInput[] {
	const random = prng(seed);
	// Deriving domains and e-mail local parts is the slow part of seeding 100,000 contacts.
	const domains = new Map<string, string>();
	const locals = new Map<string, string>();
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	const out: ContactInput[] = [];
	for (let i = 0; i < count; i++) {
		const kind = random();
		const isCompanyOnly = kind < 0.15;
		const hasCompany = kind < 0.85;
		const first = isCompanyOnly ? null : pick(FIRST_NAMES);
		const last = isCompanyOnly ? null : pick(LAST_NAMES);
		const company = hasCompany
			? `${pick(COMPANY_WORDS)} ${pick(COMPANY_TRADES)} ${pick(COMPANY_SUFFIXES)}`
			: null;
		const domain = company ? memo(domains, company, toDomain) : 'mail.example.com';
		const local = first && last ? memo(locals, `${first}.${last}`, toLocalPart) : 'office';
		const digits = () => String(Math.floor(random() * 10_000)).padStart(4, '0');
		const contact: ContactInput = { type: pick(TYPES) };
		if (first) contact.firstName = first;
		if (last) contact.lastName = last;
		if (company) contact.companyName = company;
		out.push(
			Object.assign(contact, {
				email: random() < 0.9 ? `${local}${i % 7 === 0 ? i : ''}@${domain}` : null,
				phone: random() < 0.8 ? `+1-555-${digits().slice(0, 3)}-${digits()}` : null,
				mobile: random() < 0.5 ? `+1-555-${digits().slice(0, 3)}-${digits()}` : null,
				website:
					company && random() < 0.5
						? `https://www.${domain.replace('.example.com', '')}.example.com`
						: null,
				position: isCompanyOnly ? null : pick(POSITIONS),
				notes: random() < 0.1 ? 'Prefers email; send bid invitations two weeks ahead.' : null,
			}),
		);
	}
	return out;
}
