"use server";

import { env } from "@/lib/env";
import { unsubscribe } from "@/lib/services/unsubscribe";

export type UnsubscribeState = { status: "idle" | "done" | "invalidLink" | "unexpected" };

/** Public: the signed token in the link is the only authorisation, and it only ever withdraws consent. */
export async function unsubscribeAction(_previous: UnsubscribeState, formData: FormData): Promise<UnsubscribeState> {
  try {
    const result = await unsubscribe({ c: formData.get("c"), t: formData.get("t") }, env().NEXTAUTH_SECRET, new Date());
    return { status: result === "invalidLink" || result === "notFound" ? "invalidLink" : "done" };
  } catch (error) {
    console.error("Unsubscribe failed:", error);
    return { status: "unexpected" };
  }
}
