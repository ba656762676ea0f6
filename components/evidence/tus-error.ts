/**
 * What to tell the person uploading when tus-js-client gives up: the server's
 * own `{ error }` message (the app's error contract) when it answered with one,
 * else the client's.
 */
export function tusErrorMessage(err: Error): string {
  const body = (err as { originalResponse?: { getBody(): string } }).originalResponse?.getBody?.();
  try {
    return (JSON.parse(body ?? "") as { error?: string }).error ?? err.message;
  } catch {
    return err.message; // not JSON
  }
}
