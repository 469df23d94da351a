import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function ImportsLoading() {
  return <PageSkeleton layout="table" />;
}
