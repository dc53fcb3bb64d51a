import type { IDataObject } from 'n8n-workflow';

import { binaryOutputProperty, streamDownload } from '../../files/downloads';
import type { FileContext } from '../../files/downloads';
import { customOperation, recordPath } from '../../description/operations';
import { requirePositiveId } from '../../routing/preSend';
import { requestBuildWorkPro, unwrapEnvelope } from '../../../shared/transport/request';
import { document } from './fields';

const documentIdOf = (context: FileContext) =>
	Number(String(context.getNodeParameter(document.idParameter, '', { extractValue: true })).trim());

/**
 * GET /documents/{id}/download answers the file itself; its name and type come from
 * Content-Disposition and Content-Type. Only when the server names no file is the document's
 * original file name looked up ("document-<id>" when even that fails: a name is not worth failing for).
 */
export const downloadOperation = customOperation(
	document,
	{
		value: 'download',
		name: 'Download',
		action: 'Download the file of a document',
		description:
			'Download the file of the document with this document ID (a drawing, permit, photo or scope letter). Returns the document ID and the file as binary data in the chosen field, with the file name and type BuildWorkPro sends, ready for Gmail, Google Drive or Extract From File.',
		fields: [binaryOutputProperty()],
	},
	{
		method: 'GET',
		url: `=${recordPath(document)}/download`,
		preSend: [requirePositiveId(document.idParameter, document.idLabel)],
		pager: streamDownload({
			json: (context) => ({ id: documentIdOf(context) }),
			fallbackFileName: async (context, session, passthrough) => {
				const id = documentIdOf(context);
				try {
					const answer = await requestBuildWorkPro(
						context,
						{ method: 'GET', url: `${document.path}/${id}`, passthrough },
						session,
					);
					const name = (unwrapEnvelope(answer.body) as IDataObject | undefined)?.originalFilename;
					if (typeof name === 'string' && name.trim() !== '')
						return name.trim().split(/[/\\]/).pop() || `document-${id}`;
				} catch {
					// Fall through to a name made of the ID.
				}
				return `document-${id}`;
			},
			what: (context) => `the file of document ${documentIdOf(context)}`,
		}),
	},
);
