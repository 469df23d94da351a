-- The revenue forecast from existing customers, kept with the fit it was computed from.
ALTER TABLE "ClvModelFit" ADD COLUMN "forecast" JSONB;
