import { useEffect, useState } from "react";

/**
 * A date in the reader's own time zone. The server does not know that zone, so the first
 * render (server and hydration alike) shows UTC and the browser re-renders it locally.
 */
export function LocalTime({ value, withTime = true }: { value: string | Date; withTime?: boolean }) {
  const [local, setLocal] = useState(false);
  useEffect(() => setLocal(true), []);
  const date = new Date(value);
  const text = date.toLocaleString("en-GB", {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
    ...(local ? {} : { timeZone: "UTC" }),
  });
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {text}
      {local ? "" : " UTC"}
    </time>
  );
}
