/** The interface every backend client implements (see backend-contract.mjs). */
export interface BackendClient {
  /** Runs one operation of the core; resolves to its result as JSON text, rejects with an error record or a NeonError. */
  run(op: string, targetJson: string, inputJson: string, timeoutMs: number | undefined, signal: AbortSignal | undefined): Promise<string>;
  /** Where the key came from. */
  readonly credentialSource: 'option' | 'env' | 'credentials_file' | 'keyring';
  /** What the Neon CLI would have warned about while choosing the credential, else undefined. */
  readonly credentialWarning: string | undefined;
  /** The API base URL in use. */
  readonly baseUrl: string;
  /** Requests this client sent so far (retries included). */
  readonly requestsSent: number;
  /** Milliseconds its requests waited for the rate budget so far. */
  readonly waitedMs: number;
}

/** Each member of `BackendClient` and the types (`typeof`) its value may have. */
export declare const BACKEND_MEMBERS: Readonly<Record<keyof BackendClient, readonly string[]>>;
