/** Badge colours per import status, shared by the list and the import's own page. */
export const STATUS_TONES = { QUEUED: "neutral", RUNNING: "brand", SUCCEEDED: "success", FAILED: "danger" } as const;
