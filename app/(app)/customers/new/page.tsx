import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CustomerForm } from "@/components/customers/customer-form";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { listActiveUsers } from "@/lib/db/users";
import { createCustomerAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customerForm");
  return { title: t("newTitle") };
}

export default async function NewCustomerPage() {
  const user = await requirePageUser("customer:create");
  const [t, users] = await Promise.all([getTranslations("customerForm"), listActiveUsers()]);
  const empty = { name: "", email: "", phone: "", company: "", country: "", city: "", acquisitionChannel: "", marketingConsent: false, tags: "", ownerId: user.id };
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-xl font-semibold">{t("newTitle")}</h1>
      <Card>
        <CustomerForm action={createCustomerAction} initial={empty} users={users} cancelHref="/customers" submitLabel={t("create")} />
      </Card>
    </div>
  );
}
