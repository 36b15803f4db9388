/**
 * The running pipeline as the command line sees it: the ingestion service's HTTP face for
 * submitting gazettes and the API gateway for progress and results. One class per external system.
 */

export interface StageProgress {
  gazette_id: string;
  stage: string;
  done: number;
  expected: number | null;
  status?: string;
}

export interface GazetteProgress {
  gazette_id: string;
  complete: boolean;
  stages: StageProgress[];
}

export interface IngestResult {
  gazette_id: string;
  duplicate: boolean;
  correlation_id?: string;
}

/** A request the pipeline answered with an error, or could not answer. */
export class PipelineRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.md': 'text/markdown',
  '.txt': 'text/plain',
};

export function mediaTypeOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot >= 0 && MEDIA_TYPES[fileName.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

export class PipelineApiRepository {
  constructor(
    private readonly ingestionUrl: string,
    private readonly apiUrl: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async ingest(fileName: string, bytes: Uint8Array): Promise<IngestResult> {
    return this.request<IngestResult>(`${this.ingestionUrl}/gazettes`, {
      method: 'POST',
      headers: {
        'content-type': mediaTypeOf(fileName),
        // Header values are Latin-1; the name travels percent-encoded.
        'x-file-name': encodeURIComponent(fileName),
      },
      body: bytes,
    });
  }

  progress(gazetteId: string): Promise<GazetteProgress> {
    return this.request<GazetteProgress>(`${this.apiUrl}/gazettes/${gazetteId}/progress`);
  }

  documents(query: Record<string, string | number>): Promise<{ total: number; items: { doc_type: string | null }[] }> {
    return this.request(`${this.apiUrl}/documents?${new URLSearchParams(stringify(query))}`);
  }

  appointments(query: Record<string, string | number>): Promise<{ total: number }> {
    return this.request(`${this.apiUrl}/appointments?${new URLSearchParams(stringify(query))}`);
  }

  /** True once the URL answers at all (a 404 is an answer): the HTTP server is listening. */
  async reachable(url: string): Promise<boolean> {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return true;
    } catch {
      return false;
    }
  }

  async healthy(url: string): Promise<boolean> {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return response.ok;
    } catch {
      return false;
    }
  }

  private async request<T>(url: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new PipelineRequestError(`${url}: ${(error as Error).message}`, null);
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // A non-JSON error body is shown as it is.
      }
      throw new PipelineRequestError(`${response.status} ${message}`.trim(), response.status);
    }
    return JSON.parse(text) as T;
  }
}

function stringify(query: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]));
}
