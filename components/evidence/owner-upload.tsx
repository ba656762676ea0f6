"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Upload } from "tus-js-client";
import { FOOTAGE_DECLINE_REASONS } from "@/db/schema/enum-values";
import { formatBytes } from "@/lib/evidence/owner-text";
import { tusErrorMessage } from "./tus-error";

type FileState = { key: string; name: string; size: number; sent: number; status: "waiting" | "uploading" | "paused" | "done" | "error"; error?: string };

interface Props {
  token: string;
  maxFileBytes: number;
  remainingBytes: number;
  limitsText: string;
  receivedFiles: number;
}

/**
 * Resumable uploads with tus-js-client: each file is created at /api/uploads
 * with the link's token in Upload-Metadata, and every later request carries the
 * token in X-Footage-Token. A dropped connection retries by itself; a file
 * chosen again (even after closing the page) resumes from the server's offset.
 */
export function OwnerUpload({ token, maxFileBytes, remainingBytes, limitsText, receivedFiles }: Props) {
  const [files, setFiles] = useState<FileState[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  // Beside the decline form, not above the upload: a refused answer must show where the owner pressed Send.
  const [declineProblem, setDeclineProblem] = useState<string | null>(null);
  const [declined, setDeclined] = useState(false);
  const uploads = useRef(new Map<string, Upload>());
  const t = useTranslations("upload");
  const locale = useLocale();
  const bytes = (n: number) => formatBytes(n, locale);

  const update = (key: string, patch: Partial<FileState>) => setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...patch } : f)));

  async function start(file: File) {
    const key = `${file.name}-${file.size}-${file.lastModified}`;
    if (file.size === 0) return setProblem(t("fileEmpty", { name: file.name }));
    if (file.size > maxFileBytes) return setProblem(t("fileTooLarge", { name: file.name, max: bytes(maxFileBytes) }));
    setFiles((all) => (all.some((f) => f.key === key) ? all : [...all, { key, name: file.name, size: file.size, sent: 0, status: "uploading" }]));
    const upload = new Upload(file, {
      endpoint: "/api/uploads",
      metadata: { token, filename: file.name, filetype: file.type || "application/octet-stream" },
      headers: { "X-Footage-Token": token },
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000],
      // A dropped phone connection costs at most one chunk; the server also keeps what arrived of it.
      chunkSize: 8 * 1024 * 1024,
      removeFingerprintOnSuccess: true,
      onProgress: (sent) => update(key, { sent, status: "uploading" }),
      onSuccess: () => update(key, { sent: file.size, status: "done" }),
      onError: (err) => update(key, { status: "error", error: tusErrorMessage(err) }),
    });
    uploads.current.set(key, upload);
    const previous = await upload.findPreviousUploads();
    if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
    upload.start();
  }

  function pause(key: string) {
    void uploads.current.get(key)?.abort();
    update(key, { status: "paused" });
  }
  function resume(key: string) {
    uploads.current.get(key)?.start();
    update(key, { status: "uploading" });
  }

  async function decline(form: HTMLFormElement) {
    const data = new FormData(form);
    const res = await fetch("/api/footage-requests/decline", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, reason: data.get("reason"), note: String(data.get("note") ?? "") || undefined }),
    });
    const body = (await res.json().catch(() => ({}))) as { errors?: Record<string, string>; error?: string };
    if (res.ok) return setDeclined(true);
    setDeclineProblem(body.errors ? Object.values(body.errors).join("; ") : (body.error ?? t("failed", { status: res.status })));
  }

  if (declined) return <p role="status" className="rounded border border-slate-300 bg-white p-4">{t("declined")}</p>;
  return (
    <>
      <section aria-labelledby="upload-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="upload-heading" className="text-lg font-semibold">
          {t("uploadHeading")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("uploadHelp")}</p>
        <p className="mt-1 text-sm text-slate-700" data-testid="upload-limits">
          {limitsText} {remainingBytes < maxFileBytes ? t("left", { amount: bytes(remainingBytes) }) : ""}
        </p>
        {receivedFiles > 0 ? <p className="mt-1 text-sm text-green-800">{t("receivedFiles", { count: receivedFiles })}</p> : null}
        <label className="mt-3 block">
          <span className="inline-block rounded bg-brand-700 px-4 py-3 text-base font-medium text-white">{t("chooseFiles")}</span>
          <input
            type="file"
            multiple
            className="sr-only"
            data-testid="file-input"
            onChange={(e) => {
              setProblem(null);
              for (const f of Array.from(e.target.files ?? [])) void start(f);
              e.target.value = "";
            }}
          />
        </label>
        {problem ? <p role="alert" className="mt-2 text-sm text-red-700">{problem}</p> : null}
        <ul className="mt-3 space-y-2" aria-live="polite">
          {files.map((f) => (
            <li key={f.key} className="rounded border border-slate-200 p-2 text-sm" data-testid="upload-row" data-status={f.status}>
              <div className="flex items-center justify-between gap-2">
                <span className="truncate font-medium">{f.name}</span>
                <span className="tabular-nums text-slate-600">
                  {bytes(f.sent)} / {bytes(f.size)}
                </span>
              </div>
              <progress className="mt-1 h-2 w-full" max={f.size} value={f.sent} />
              <div className="mt-1 flex items-center gap-3">
                <span>
                  {f.status === "done" ? t("uploaded") : f.status === "paused" ? t("paused") : f.status === "error" ? f.error : t("uploading")}
                </span>
                {f.status === "uploading" ? (
                  <button type="button" className="underline" onClick={() => pause(f.key)}>
                    {t("pause")}
                  </button>
                ) : null}
                {f.status === "paused" || f.status === "error" ? (
                  <button type="button" className="underline" onClick={() => resume(f.key)}>
                    {t("resume")}
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </section>

      {files.length === 0 && receivedFiles === 0 ? (
        <section aria-labelledby="decline-heading" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="decline-heading" className="text-lg font-semibold">
            {t("declineHeading")}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t("declineHelp")}</p>
          <form
            className="mt-2 space-y-2"
            onSubmit={(e) => {
              e.preventDefault();
              void decline(e.currentTarget);
            }}
          >
            <fieldset className="space-y-1" aria-labelledby="decline-heading">
              {FOOTAGE_DECLINE_REASONS.map((r) => (
                <label key={r} className="flex items-center gap-2">
                  <input type="radio" name="reason" value={r} required /> {t(`declineReasons.${r}`)}
                </label>
              ))}
            </fieldset>
            <label className="block text-sm">
              {t("declineNote")}
              <textarea name="note" rows={2} maxLength={1000} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
            </label>
            {declineProblem ? (
              <p role="alert" data-testid="decline-problem" className="text-sm font-medium text-red-800">
                {declineProblem}
              </p>
            ) : null}
            <button type="submit" className="rounded border border-slate-400 px-4 py-2">
              {t("declineSubmit")}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
