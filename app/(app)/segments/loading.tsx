import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function SegmentsLoading() {
  return <PageSkeleton layout="table" />;
}
