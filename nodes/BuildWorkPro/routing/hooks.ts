import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

/** The shapes of the functions an operation's `routing` hands to n8n's declarative engine. */

/** A `routing.send.preSend` step: checks or completes the request n8n built. */
export type PreSend = (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/** A `routing.output.postReceive` step: shapes the items of a single request's answer. */
export type PostReceive = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[]>;

/** A `routing.operations.pagination` hook: sends the request n8n built and returns the items. */
export type Pager = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** How an operation shows in the editor and the node creator. */
export interface OperationText {
	/** The operation value: 'create', 'accept'. */
	value: string;
	/** The operation name in the editor: 'Accept'. */
	name: string;
	/** The action in the node creator: 'Accept a bid'. */
	action: string;
	/** What it does, needs and returns (an agent reads this as the tool's description). */
	description: string;
}
