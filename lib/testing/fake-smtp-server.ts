// A small SMTP server for tests: speaks enough of RFC 5321 (EHLO, MAIL, RCPT, DATA, QUIT) for nodemailer
// to deliver real messages over a real socket, and keeps what it received. `rejectRecipients` makes RCPT
// fail with 550, to test delivery errors.
import net from "node:net";

export type ReceivedMail = { from: string; to: string[]; data: string };

export async function startFakeSmtpServer(options: { rejectRecipients?: RegExp } = {}) {
  const received: ReceivedMail[] = [];
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current: ReceivedMail = { from: "", to: [], data: "" };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 fake-smtp ready");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let index: number;
      while ((index = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(current);
            current = { from: "", to: [], data: "" };
            reply("250 queued");
          } else current.data += `${line.startsWith("..") ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250 fake-smtp");
        else if (verb === "MAIL") {
          current.from = line
            .replace(/^MAIL FROM:\s*/i, "")
            .replace(/[<>]/g, "")
            .split(" ")[0];
          reply("250 ok");
        } else if (verb === "RCPT") {
          const to = line.replace(/^RCPT TO:\s*/i, "").replace(/[<>]/g, "");
          if (options.rejectRecipients?.test(to)) reply("550 no such user");
          else {
            current.to.push(to);
            reply("250 ok");
          }
        } else if (verb === "DATA") {
          inData = true;
          reply("354 end with .");
        } else if (verb === "RSET") {
          current = { from: "", to: [], data: "" };
          reply("250 ok");
        } else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else reply("502 not implemented");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
