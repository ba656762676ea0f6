import { z } from "zod";
import { MAX_ADDRESS_LENGTH } from "@/lib/geocode/parse";

export const geocodeQuery = z.object({
  q: z.string().trim().min(1, "enter an address or an intersection").max(MAX_ADDRESS_LENGTH, `at most ${MAX_ADDRESS_LENGTH} characters`),
});
