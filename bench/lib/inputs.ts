/** The items of the exactly-once run: distinct data per item, so the sandbox's state shows duplicates and gaps. */
export function contactInputs(prefix: string, count: number): Array<Record<string, string>> {
	return Array.from({ length: count }, (_, index) => ({
		firstName: 'Bench',
		lastName: `${prefix} ${index}`,
		email: `${prefix}-${index}@bench.example.com`,
	}));
}

/** Which input a stored contact came from (by its email), or undefined. */
export function inputIndexOf(prefix: string, email: unknown): number | undefined {
	const match =
		typeof email === 'string'
			? email.match(new RegExp(`^${prefix}-(\\d+)@bench\\.example\\.com$`))
			: null;
	return match ? Number(match[1]) : undefined;
}
