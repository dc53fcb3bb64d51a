/**
 * Cost of checking one webhook delivery with the trigger's verifier: header lookup and parsing,
 * timestamp window, HMAC-SHA256 over `t.rawBody` and the constant-time comparison.
 */
import { createHmac, randomBytes } from 'node:crypto';

import { verifySignature } from '../../nodes/BuildWorkProTrigger/signature';

export interface SignatureBench {
	bodyBytes: number;
	iterations: number;
	/** Median over the batches, microseconds per delivery. */
	microsPerDelivery: number;
	batchesMicros: number[];
}

/** A contact.updated event padded to `bytes` bytes of JSON, like a real delivery body. */
function deliveryBody(bytes: number): string {
	const event = {
		id: 'evt_bench0001',
		type: 'contact.updated',
		created_at: new Date().toISOString(),
		tenant_id: 1,
		data: {
			id: 7,
			firstName: 'Ada',
			lastName: 'Lovelace',
			companyName: 'Analytical Engines Ltd',
			email: 'ada@example.com',
			type: 'customer',
			notes: '',
		},
		previous_attributes: { firstName: 'Ana' },
	};
	const base = JSON.stringify(event).length;
	event.data.notes = 'x'.repeat(Math.max(0, bytes - base));
	return JSON.stringify(event);
}

export function benchSignature({
	bodyBytes = 2048,
	iterations = 20_000,
	batches = 5,
} = {}): SignatureBench {
	const secret = `whsec_${randomBytes(24).toString('hex')}`;
	const rawBody = Buffer.from(deliveryBody(bodyBytes), 'utf8');
	const t = Math.floor(Date.now() / 1000);
	const v1 = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
	// Lower-cased names as Node hands them to the webhook, plus the other headers a delivery has.
	const headers = {
		'content-type': 'application/json',
		'user-agent': 'BuildWorkPro-Webhooks/1.0',
		'buildworkpro-event': 'contact.updated',
		'buildworkpro-event-id': 'evt_bench0001',
		'buildworkpro-delivery-id': 'dlv_bench0001',
		'buildworkpro-signature': `t=${t},v1=${v1}`,
	};
	const check = () => {
		const verdict = verifySignature({ headers, rawBody, secrets: [secret] });
		if (!verdict.valid)
			throw new Error(`signature bench: a valid delivery was refused (${verdict.reason})`);
	};
	for (let i = 0; i < 2_000; i++) check(); // warm-up (JIT)
	const batchesMicros: number[] = [];
	for (let batch = 0; batch < batches; batch++) {
		const started = process.hrtime.bigint();
		for (let i = 0; i < iterations; i++) check();
		batchesMicros.push(Number(process.hrtime.bigint() - started) / 1000 / iterations);
	}
	const sorted = [...batchesMicros].sort((a, b) => a - b);
	return {
		bodyBytes: rawBody.length,
		iterations,
		microsPerDelivery: sorted[Math.floor(sorted.length / 2)],
		batchesMicros,
	};
}
