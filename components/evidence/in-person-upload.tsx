"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Upload } from "tus-js-client";
import { tusErrorMessage } from "./tus-error";

type Row = { key: string; name: string; size: number; sent: number; status: "uploading" | "done" | "error"; error?: string };

/**
 * Evidence a detective collected in person (a USB stick from the recorder):
 * uploaded by the detective through the same resumable tus route as owners'
 * files, signed in with the staff session and tied to this stop. The custody
 * log records it as "collected in person" by that detective.
 */
export function InPersonUpload({ entryId }: { entryId: string }) {
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>([]);
  const update = (key: string, patch: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  async function start(file: File) {
    const key = `${file.name}-${file.size}-${file.lastModified}`;
    setRows((all) => (all.some((r) => r.key === key) ? all : [...all, { key, name: file.name, size: file.size, sent: 0, status: "uploading" }]));
    if (file.size === 0) return update(key, { status: "error", error: "the file is empty" });
    const upload = new Upload(file, {
      endpoint: "/api/uploads",
      metadata: { canvassEntryId: entryId, filename: file.name, filetype: file.type || "application/octet-stream" },
      retryDelays: [0, 1000, 3000, 5000, 10000],
      chunkSize: 8 * 1024 * 1024,
      removeFingerprintOnSuccess: true,
      onProgress: (sent) => update(key, { sent }),
      onSuccess: () => {
        update(key, { sent: file.size, status: "done" });
        router.refresh();
      },
      onError: (err) => update(key, { status: "error", error: tusErrorMessage(err) }),
    });
    const previous = await upload.findPreviousUploads();
    if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
    upload.start();
  }

  return (
    <div className="mt-2 text-sm" data-testid="in-person-upload">
      <label className="inline-block cursor-pointer rounded border border-brand-700 px-3 py-1 text-brand-700">
        Add evidence collected in person…
        <input
          type="file"
          multiple
          className="sr-only"
          data-testid="in-person-file"
          onChange={(e) => {
            for (const f of Array.from(e.target.files ?? [])) void start(f);
            e.target.value = "";
          }}
        />
      </label>
      <ul className="mt-1 space-y-1" aria-live="polite">
        {rows.map((r) => (
          <li key={r.key} className="text-xs" data-testid="in-person-row" data-status={r.status}>
            {r.name}: {r.status === "error" ? <span className="text-red-700">{r.error}</span> : r.status === "done" ? "received, hashed and logged as collected in person" : `${Math.floor((100 * r.sent) / r.size)} %`}
            {r.status === "uploading" ? <progress className="ml-2 h-2 w-32 align-middle" max={r.size} value={r.sent} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
