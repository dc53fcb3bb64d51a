import type { IHttpRequestOptions } from 'n8n-workflow';

/**
 * OAuth2 refreshes, one at a time per credential in this process. BuildWorkPro rotates the
 * refresh token on every use and revokes the whole connection when an old one comes back, so
 * two requests that meet an expired access token together must not both refresh. n8n 2.x
 * coordinates its own refreshes; n8n 1.x refreshes once per failing request. So only one request
 * per credential at a time (the lead) lets a 401 reach n8n's refresh; the others take a 401 as an
 * answer, wait for the lead and go again with whatever token n8n holds by then.
 */
const oauthLeads = new Map<string, Promise<void>>();
/** A follower's 401s retried before it gives up. */
const OAUTH_FOLLOWER_RETRIES = 3;
/**
 * n8n 1.x knows no `ignoreHttpStatusErrors.except`: it ignores every status, so a 401 never
 * reaches its refresh. Learnt from the first 401 the lead gets back as an answer; from then on the
 * lead asks for error statuses to be thrown (1.x keeps the status and body on the error).
 */
let statusExceptionsUnsupported = false;

function takeOAuthLead(key: string): (() => void) | undefined {
	if (oauthLeads.has(key)) return undefined;
	let release!: () => void;
	oauthLeads.set(key, new Promise<void>((resolve) => (release = resolve)));
	let released = false;
	return () => {
		if (released) return;
		released = true;
		oauthLeads.delete(key);
		release();
	};
}

/** One attempt's part in the coordination. */
export interface OAuthAttempt {
	/** Whether this attempt may have n8n refresh the token. */
	leads: boolean;
	/** How n8n's request helper is to treat error statuses on this attempt. */
	ignoreHttpStatusErrors: IHttpRequestOptions['ignoreHttpStatusErrors'];
	/** Hands the lead on (when this attempt had it): call once the attempt has its answer. */
	finish(): void;
}

/** The coordination of one request's attempts; `key` names the credential and its Base URL. */
export class OAuthRefreshCoordination {
	private followerRetries = 0;

	constructor(private readonly key: string) {}

	beginAttempt(): OAuthAttempt {
		const release = takeOAuthLead(this.key);
		return {
			leads: release !== undefined,
			// Only the lead keeps 401 thrown: that is what makes n8n refresh the token.
			ignoreHttpStatusErrors: !release
				? true
				: statusExceptionsUnsupported
					? false
					: { ignore: true, except: [401] },
			finish: () => release?.(),
		};
	}

	/**
	 * A 401 that came back as an answer, so n8n did not refresh for it: whether to go again, now as
	 * (or after) the lead.
	 */
	async retriesUnrefreshed401(attempt: OAuthAttempt): Promise<boolean> {
		if (attempt.leads && !statusExceptionsUnsupported) {
			statusExceptionsUnsupported = true;
			return true;
		}
		if (!attempt.leads && this.followerRetries < OAUTH_FOLLOWER_RETRIES) {
			this.followerRetries += 1;
			await oauthLeads.get(this.key);
			return true;
		}
		return false;
	}
}
