"use client";

import { ErrorDetails } from "@/components/error-details";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorDetails error={error} retry={retry} />;
}
