import "server-only";
import { createTransport } from "nodemailer";
import type { SendVerificationRequestParams } from "next-auth/providers/email";

/**
 * Sends the magic link, but only to someone allowed to use it. next-auth asks for a link for any address;
 * answering "check your inbox" to everyone and mailing only real users means the form never reveals who
 * has an account.
 */
export function magicLinkSender(options: {
  server: string;
  from: string;
  mayReceive: (email: string) => Promise<boolean>;
}) {
  const transport = createTransport(options.server);
  return async ({ identifier, url }: SendVerificationRequestParams): Promise<void> => {
    if (!(await options.mayReceive(identifier))) return;
    const host = new URL(url).host;
    await transport.sendMail({
      to: identifier,
      from: options.from,
      subject: `Sign in to Floe`,
      text: `Sign in to Floe (${host}) with this link. It works once and expires in 15 minutes:\n\n${url}\n\nIf you did not ask for it, ignore this email.`,
      html: `<p>Sign in to Floe (${escapeHtml(host)}) with the link below. It works once and expires in 15 minutes.</p><p><a href="${escapeHtml(url)}">Sign in to Floe</a></p><p>If you did not ask for it, ignore this email.</p>`,
    });
  };
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}
