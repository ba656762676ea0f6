/** clamd's INSTREAM replies as clamd(8) documents them; the live protocol is tested against a real clamd in evidence-virus-scan. */
import { describe, expect, it } from "vitest";
import { ClamdError, parseScanReply } from "@/lib/evidence/clamd-client";

describe("parseScanReply", () => {
  it("reads a clean stream", () => {
    expect(parseScanReply("stream: OK")).toEqual({ verdict: "clean" });
  });

  it("reads the signature of a flagged stream, spaces and dots included", () => {
    expect(parseScanReply("stream: Eicar-Test-Signature FOUND")).toEqual({ verdict: "infected", signature: "Eicar-Test-Signature" });
    expect(parseScanReply("stream: Win.Trojan.Agent-1 2 FOUND")).toEqual({ verdict: "infected", signature: "Win.Trojan.Agent-1 2" });
  });

  it("turns clamd's refusals into a ClamdError, never a verdict", () => {
    expect(() => parseScanReply("INSTREAM size limit exceeded. ERROR")).toThrow(ClamdError);
    expect(() => parseScanReply("stream: Can't allocate memory ERROR")).toThrow(/refused the scan/);
  });

  it("does not mistake other text for a verdict", () => {
    expect(() => parseScanReply("COMMAND READ TIMED OUT")).toThrow(/unexpected reply/);
    expect(() => parseScanReply("")).toThrow(ClamdError);
    expect(() => parseScanReply("stream: OK FOUND extra")).toThrow(ClamdError);
  });
});
