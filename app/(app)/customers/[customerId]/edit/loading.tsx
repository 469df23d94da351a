import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function EditCustomerLoading() {
  return <PageSkeleton layout="form" />;
}
