import { createReadStream } from 'node:fs';
import { Upload, type DetailedError, type HttpRequest, type HttpResponse } from 'tus-js-client';

export interface TusUploadOptions {
  /** The creation endpoint (`…/api/v1/uploads`). */
  readonly endpoint: string;
  /** A stored upload URL to resume; null creates a new upload. */
  readonly uploadUrl: string | null;
  readonly filePath: string;
  readonly fileSize: number;
  readonly token: string;
  readonly chunkSize: number;
  readonly metadata: Readonly<Record<string, string>>;
  readonly onUrl: (url: string) => void;
  /** Absolute bytes the server confirmed (after each chunk). */
  readonly onAccepted: (offset: number) => void;
  /** Absolute bytes handed to the socket (for progress bars). */
  readonly onProgress: (sent: number, total: number) => void;
  /** Where this attempt started: 0 for a new upload, the server's offset for a resumed one. */
  readonly onStartOffset: (offset: number) => void;
}

/** Why a tus attempt stopped: `status` null means no HTTP answer at all (offline, reset). */
export class TusUploadError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly body: string,
    readonly phase: 'resume' | 'create' | 'patch',
    /** Stopped by `abort()`, not by the network or the server. */
    readonly aborted = false,
  ) {
    super(message);
    this.name = 'TusUploadError';
  }
}

export interface TusRun {
  readonly done: Promise<void>;
  /** Stops sending; `terminate` also deletes the upload on the server (cancel). */
  abort(terminate: boolean): Promise<void>;
}

/**
 * One attempt of a tus upload with tus-js-client. Retries are the caller's (one backoff policy for
 * the whole job), so tus-js-client's own are off. A stored URL is resumed without an endpoint: if
 * it is gone, the caller hears 404/410 and decides to start over, instead of tus-js-client silently
 * creating a new upload on any error (which would re-send the whole file after a 5xx).
 */
export function startTusUpload(options: TusUploadOptions): TusRun {
  let upload: Upload | null = null;
  let fail: (error: TusUploadError) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    fail = reject;
    upload = new Upload(createReadStream(options.filePath), {
      endpoint: options.uploadUrl ? null : options.endpoint,
      uploadUrl: options.uploadUrl,
      uploadSize: options.fileSize,
      chunkSize: options.chunkSize,
      retryDelays: null,
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: false,
      metadata: { ...options.metadata },
      headers: { authorization: `Bearer ${options.token}` },
      onUploadUrlAvailable: () => {
        if (upload?.url) options.onUrl(upload.url);
      },
      onAfterResponse: (req: HttpRequest, res: HttpResponse) => {
        const method = req.getMethod();
        if (method === 'HEAD' && res.getStatus() === 200) options.onStartOffset(Number(res.getHeader('Upload-Offset') ?? 0));
        if (method === 'POST' && res.getStatus() === 201) options.onStartOffset(0);
      },
      onProgress: (sent, total) => options.onProgress(sent, total),
      onChunkComplete: (_chunk, accepted) => options.onAccepted(accepted),
      onSuccess: () => resolve(),
      onError: (error: Error | DetailedError) => {
        const detailed = error as DetailedError;
        const response = detailed.originalResponse ?? null;
        const method = detailed.originalRequest?.getMethod?.() ?? '';
        const phase = method === 'HEAD' ? 'resume' : method === 'POST' ? 'create' : 'patch';
        reject(new TusUploadError(error.message, response ? response.getStatus() : null, response ? response.getBody() : '', phase));
      },
    });
    upload.start();
  });
  return {
    done,
    abort: async (terminate) => {
      // tus-js-client's abort settles nothing, so the attempt is ended here.
      try {
        if (upload) await upload.abort(terminate);
      } finally {
        fail(new TusUploadError('upload stopped', null, '', 'patch', true));
      }
    },
  };
}
