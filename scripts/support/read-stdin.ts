/**
 * The password piped on standard input (first line), or null when stdin is a
 * terminal or empty: the caller then generates one. Never echoed.
 */
export async function readPasswordFromStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  const firstLine = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
  return firstLine.length ? firstLine : null;
}
