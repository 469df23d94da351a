import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function AdminLoading() {
  return <PageSkeleton layout="table" />;
}
