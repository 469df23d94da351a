import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 aria-invalid:ring-red-500";

type FieldFrameProps = { id: string; label: ReactNode; errors?: string[]; hint?: ReactNode; children: ReactNode };

/** A label, a control and its errors, wired together for screen readers (aria-describedby + aria-live). */
export function FieldFrame({ id, label, errors, hint, children }: FieldFrameProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? <p className="text-xs text-slate-500">{hint}</p> : null}
      <div id={`${id}-error`} aria-live="polite" aria-atomic="true">
        {errors?.map((error) => (
          <p key={error} className="text-sm text-red-600">
            {error}
          </p>
        ))}
      </div>
    </div>
  );
}

type Described = { errors?: string[] };

function describedBy(id: string, errors?: string[]) {
  return errors?.length ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
}

export function TextInput({ id, errors, className = "", ...props }: InputHTMLAttributes<HTMLInputElement> & Described & { id: string }) {
  return <input id={id} name={id} className={`${CONTROL} ${className}`} {...describedBy(id, errors)} {...props} />;
}

export function TextArea({ id, errors, className = "", ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & Described & { id: string }) {
  return <textarea id={id} name={id} className={`${CONTROL} ${className}`} {...describedBy(id, errors)} {...props} />;
}

export function Select({ id, errors, className = "", children, ...props }: SelectHTMLAttributes<HTMLSelectElement> & Described & { id: string }) {
  return (
    <select id={id} name={id} className={`${CONTROL} pr-8 ${className}`} {...describedBy(id, errors)} {...props}>
      {children}
    </select>
  );
}
