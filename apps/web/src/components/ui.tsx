import type { ComponentChildren } from 'preact';

/** A load error beside the last data (polling keeps going). */
export function ErrorLine({ error }: { error: string | undefined }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}

/** A section with a heading, for the page outline the screen readers follow. */
export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section aria-labelledby={id ? `${id}-h` : undefined} id={id}>
      <h2 id={id ? `${id}-h` : undefined}>{title}</h2>
      {children}
    </section>
  );
}

export function Loading() {
  return <p class="muted">Loading…</p>;
}

/** A status word styled by its value (active, denied, disputed, retracted, open…). */
export function Status({ value }: { value: string }) {
  return <span class={`status status-${value}`}>{value}</span>;
}
