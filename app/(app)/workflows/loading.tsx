import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function WorkflowsLoading() {
  return <PageSkeleton layout="table" />;
}
