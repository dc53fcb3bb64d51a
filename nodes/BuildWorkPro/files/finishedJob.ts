import type {
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { RequestSession } from '../../shared/transport/session';
import { parseCsv } from './csv';
import { downloadJobFile } from './downloads';
import type { FileContext } from './downloads';
import { unsuccessfulJobError, waitForJob } from './jobs';

/** The end of a job that sends data in (an import, a bulk action), with its row errors. */

/** The most row errors an output item or error message carries (all of them: Jobs → Get Errors). */
const ROW_ERRORS_SHOWN_IN_MESSAGE = 5;

/** The row errors of a partial or failed job (empty when BuildWorkPro has no errors file for it). */
async function rowErrorsOf(
	context: FileContext,
	jobId: string,
	session: RequestSession,
	passthrough: Partial<IHttpRequestOptions>,
): Promise<IDataObject[]> {
	try {
		const file = await downloadJobFile(context, jobId, { segment: 'errors', session, passthrough });
		return parseCsv(file.body.toString('utf8'));
	} catch {
		return [];
	}
}

function rowErrorLine(row: IDataObject): string {
	const where =
		row.row !== undefined && row.row !== ''
			? `Row ${String(row.row)}`
			: row.id
				? `ID ${String(row.id)}`
				: 'A row';
	const field = row.field ? ` (${String(row.field)})` : '';
	return `${where}${field}: ${String(row.message ?? row.code ?? 'failed')}`;
}

/**
 * The end of a job that sends data in: a succeeded job is the output; a partial or failed one is
 * an error carrying its row errors, or under Continue On Fail an error item with the job and its
 * row errors (as `{ error, details }`).
 */
export async function finishedJobItem(
	context: FileContext & IExecutePaginationFunctions,
	jobId: string,
	session: RequestSession,
	passthrough: Partial<IHttpRequestOptions>,
	what: string,
	extra: IDataObject,
	pairedItem: INodeExecutionData['pairedItem'],
): Promise<INodeExecutionData> {
	const job = await waitForJob(context, jobId, session, {
		passthrough,
		what,
		returnUnsuccessful: true,
	});
	const status = String(job.status ?? '').toLowerCase();
	if (status === 'succeeded') return { json: { ...job, ...extra, rowErrors: [] }, pairedItem };
	const rowErrors =
		status === 'partial' || status === 'failed'
			? await rowErrorsOf(context, jobId, session, passthrough)
			: [];
	const error = unsuccessfulJobError(context, job, what);
	if (rowErrors.length) {
		const lines = rowErrors.slice(0, ROW_ERRORS_SHOWN_IN_MESSAGE).map(rowErrorLine);
		const more =
			rowErrors.length > lines.length
				? [`… and ${rowErrors.length - lines.length} more (Jobs → Get Errors lists them all).`]
				: [];
		error.description = [error.description, 'Row errors:', ...lines, ...more]
			.filter((line) => !!line)
			.join('\n');
	}
	if (context.continueOnFail()) {
		// Not n8n's own error item (`error` set on the item): n8n would keep only its message and
		// drop the row errors. `error` + `details` is still routed to the error output by n8n.
		return { json: { error: error.message, details: { ...job, ...extra, rowErrors } }, pairedItem };
	}
	throw error;
}
