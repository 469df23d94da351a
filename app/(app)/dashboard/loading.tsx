import { getTranslations } from "next-intl/server";
import { Skeleton } from "@/components/ui/skeleton";

/** While the page checks access and reads the settings; each card then streams in behind its own skeleton. */
export default async function DashboardLoading() {
  const t = await getTranslations("dashboard");
  return (
    <div role="status" aria-label={t("loading")} className="space-y-5">
      <Skeleton className="h-7 w-48" />
      <Skeleton className="h-28 w-full" />
      <div className="grid gap-5 lg:grid-cols-2">
        <Skeleton className="h-80 w-full" />
        <Skeleton className="h-80 w-full" />
      </div>
      <div className="grid gap-5 lg:grid-cols-2">
        <Skeleton className="h-96 w-full" />
        <Skeleton className="h-96 w-full" />
      </div>
      <Skeleton className="h-96 w-full" />
    </div>
  );
}
