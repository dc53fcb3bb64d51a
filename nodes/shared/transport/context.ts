import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IGetNodeParameterOptions,
	IHttpRequestOptions,
	INode,
	IWorkflowDataProxyData,
} from 'n8n-workflow';

/**
 * What the transport needs from n8n. An action node's item (IExecuteSingleFunctions,
 * IExecutePaginationFunctions) and a trigger's webhook hook (IHookFunctions) both have it. The
 * optional members exist only for an item of an execution; without them the transport uses item
 * index 0, a fresh Idempotency-Key per call (kept across that call's retries) and no cancel signal.
 */
export interface TransportContext {
	getNode(): INode;
	getNodeParameter(
		parameterName: string,
		fallbackValue?: unknown,
		options?: IGetNodeParameterOptions,
	): unknown;
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
	helpers: {
		httpRequestWithAuthentication(
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
			additionalCredentialOptions?: IAdditionalCredentialOptions,
		): Promise<unknown>;
	};
	getItemIndex?(): number;
	getExecutionId?(): string;
	getExecutionCancelSignal?(): AbortSignal | undefined;
	getWorkflowDataProxy?(itemIndex: number): IWorkflowDataProxyData;
}

export function itemIndexOf(context: Pick<TransportContext, 'getItemIndex'>): number {
	return context.getItemIndex?.() ?? 0;
}
