import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { CustomerForm } from "@/components/customers/customer-form";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getCustomerProfile } from "@/lib/db/customer-profile";
import { listOwnerOptions } from "@/lib/db/users";
import { updateCustomerAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customerForm");
  return { title: t("editTitle") };
}

export default async function EditCustomerPage({ params }: { params: Promise<{ customerId: string }> }) {
  await requirePageUser("customer:update");
  const { customerId } = await params;
  const customer = z.uuid().safeParse(customerId).success ? await getCustomerProfile(customerId) : null;
  if (!customer) notFound();
  const [t, users] = await Promise.all([getTranslations("customerForm"), listOwnerOptions(customer.owner?.id ?? null)]);
  const initial = {
    id: customer.id,
    loadedUpdatedAt: customer.updatedAt.toISOString(),
    name: customer.name,
    email: customer.email ?? "",
    phone: customer.phone ?? "",
    company: customer.company ?? "",
    country: customer.country ?? "",
    city: customer.city ?? "",
    acquisitionChannel: customer.acquisitionChannel ?? "",
    marketingConsent: customer.marketingConsent,
    tags: customer.tags.join(", "),
    ownerId: customer.owner?.id ?? "",
  };
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-xl font-semibold">{t("editTitleNamed", { name: customer.name })}</h1>
      <Card>
        <CustomerForm action={updateCustomerAction} initial={initial} users={users} cancelHref={`/customers/${customer.id}`} submitLabel={t("save")} />
      </Card>
    </div>
  );
}
