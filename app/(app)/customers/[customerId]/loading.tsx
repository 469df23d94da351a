import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function CustomerProfileLoading() {
  return <PageSkeleton layout="profile" />;
}
