"use client";

import type { Route } from "next";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { validationMessage } from "@/components/i18n/validation-message";
import { useActionState, useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE } from "@/lib/actions/action-state";
import type { listCustomerTasks } from "@/lib/db/customer-profile";
import { DUE_YEAR_MAX, DUE_YEAR_MIN } from "@/lib/schemas/note-task";
import { addTaskAction, completeTaskAction } from "./actions";

type Task = Awaited<ReturnType<typeof listCustomerTasks>>["tasks"][number];
type UserOption = { id: string; name: string };

/** `now` comes from the server render, so "overdue" is the same on the server and in the browser. */
export function TasksSection({ customerId, tasks, users, now, moreHref }: { customerId: string; tasks: Task[]; users: UserOption[]; now: Date; moreHref?: Route }) {
  const t = useTranslations("profile.tasks");
  const open = tasks.filter((task) => task.status === "OPEN");
  const done = tasks.filter((task) => task.status === "DONE");
  return (
    <Card title={t("title")}>
      <TaskForm customerId={customerId} users={users} />
      {tasks.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100" aria-label={t("listLabel")}>
          {[...open, ...done].map((task) => (
            <TaskItem key={task.id} task={task} customerId={customerId} now={now} />
          ))}
        </ul>
      )}
      {moreHref ? (
        <Link href={moreHref} scroll={false} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
          {t("showMore")}
        </Link>
      ) : null}
    </Card>
  );
}

function TaskItem({ task, customerId, now }: { task: Task; customerId: string; now: Date }) {
  const t = useTranslations("profile.tasks");
  const format = useFormatter();
  const [state, formAction, isPending] = useActionState(completeTaskAction, IDLE);
  const isOverdue = task.status === "OPEN" && task.dueAt && task.dueAt.getTime() < now.getTime();
  return (
    <li className="flex items-center justify-between gap-3 py-2 text-sm">
      <div>
        <p className={task.status === "DONE" ? "text-slate-500 line-through" : "font-medium"}>{task.title}</p>
        <p className="text-xs text-slate-500">
          {task.dueAt ? t("due", { date: format.dateTime(task.dueAt, { dateStyle: "medium" }) }) : t("noDueDate")}
          {task.assignee ? ` · ${task.assignee.name}` : ""}
        </p>
      </div>
      <div className="flex items-center gap-2">
        {isOverdue ? <Badge tone="danger">{t("overdue")}</Badge> : null}
        {task.status === "OPEN" ? (
          <form action={formAction}>
            <input type="hidden" name="customerId" value={customerId} />
            <input type="hidden" name="taskId" value={task.id} />
            <Button type="submit" variant="secondary" disabled={isPending} aria-label={t("completeNamed", { title: task.title })}>
              {t("complete")}
            </Button>
          </form>
        ) : (
          <Badge tone="success">{t("done")}</Badge>
        )}
        {state.status === "error" ? <span className="text-xs text-red-600">{t("completeFailed")}</span> : null}
      </div>
    </li>
  );
}

function TaskForm({ customerId, users }: { customerId: string; users: UserOption[] }) {
  const t = useTranslations();
  const [state, formAction, isPending] = useActionState(addTaskAction, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success") formRef.current?.reset();
  }, [state]);
  const errors = state.status === "error" ? state.fieldErrors ?? {} : {};
  const values = state.status === "error" ? state.values ?? {} : {};
  const control = "rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-slate-300 ring-inset aria-invalid:ring-red-500";
  return (
    <form ref={formRef} action={formAction} className="space-y-2" aria-label={t("profile.tasks.formLabel")}>
      <input type="hidden" name="customerId" value={customerId} />
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
          {t("profile.tasks.taskTitle")}
          <input name="title" maxLength={200} defaultValue={values.title} className={control} aria-invalid={errors.title ? true : undefined} aria-describedby={errors.title ? "task-title-error" : undefined} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t("profile.tasks.dueDate")}
          <input type="date" name="dueAt" min={`${DUE_YEAR_MIN}-01-01`} max={`${DUE_YEAR_MAX}-12-31`} defaultValue={values.dueAt} className={control} aria-invalid={errors.dueAt ? true : undefined} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t("profile.tasks.assignee")}
          <select name="assigneeId" defaultValue={values.assigneeId ?? ""} className={`${control} pr-8`}>
            <option value="">{t("profile.tasks.unassigned")}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={isPending}>
          {isPending ? t("common.saving") : t("profile.tasks.add")}
        </Button>
      </div>
      <div id="task-title-error" aria-live="polite">
        {Object.entries(errors).flatMap(([field, keys]) =>
          keys.map((key) => (
            <p key={`${field}-${key}`} className="text-sm text-red-600">
              {validationMessage(t, key)}
            </p>
          )),
        )}
      </div>
      {state.status === "success" && state.message ? <p role="status" className="text-sm text-emerald-700">{t(state.message)}</p> : null}
      {state.status === "error" && Object.keys(errors).length === 0 ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
    </form>
  );
}
