/**
 * Money arithmetic in integer cents, so every total the sandbox computes is consistent:
 * a total is the sum of its rounded parts, never a float that drifts by a cent.
 */

/** "1250.5" | 1250.5 | null → 125050 cents (null/invalid → 0). */
export function toCents(value: unknown): number {
	if (value === null || value === undefined || value === '') return 0;
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? Math.round(n * 100) : 0;
}

/** 125050 → "1250.50". */
export function fromCents(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(Math.round(cents));
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** quantity × unit price, rounded to the cent. */
export function lineCents(quantity: unknown, unitPrice: unknown): number {
	const q = quantity === null || quantity === undefined || quantity === '' ? 1 : Number(quantity);
	const p = toCents(unitPrice);
	return Number.isFinite(q) ? Math.round(q * p) : 0;
}

/** `percent`% of `cents`, rounded to the cent. */
export function percentOf(cents: number, percent: unknown): number {
	const p = percent === null || percent === undefined || percent === '' ? 0 : Number(percent);
	return Number.isFinite(p) ? Math.round((cents * p) / 100) : 0;
}

export const money = (value: unknown) => fromCents(toCents(value));
