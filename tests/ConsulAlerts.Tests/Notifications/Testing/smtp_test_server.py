"""A real SMTP server for the email notifier tests (aiosmtpd, Debian python3-aiosmtpd).

Listens on --host (default 127.0.0.1) on a free port, optionally offering STARTTLS (--cert/--key), or
speaking TLS from the first byte (--implicit), and requiring AUTH (--user/--password; offered on a plain
connection too when there is no STARTTLS). Writes every accepted message as one JSON file (envelope from,
recipients, raw data in base64, whether TLS and AUTH were used) into --out, and every byte that clients
send (after TLS decryption) to <out>/received.log, each connection starting with a "#CONNECTION" line.
Prints "READY <port>" once listening and stops when stdin closes.
Recipients starting with "reject" get 550, those starting with "busy" get 450.
"""
import argparse
import base64
import json
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword, syntax


class RecordingSMTP(SMTP):
    """Records what clients send. Mechanism names are case-insensitive (RFC 4954); aiosmtpd 1.4 only knows them
    in upper case."""

    record = None

    def connection_made(self, transport):
        if self._original_transport is None:
            self._append(b"#CONNECTION\r\n")
        super().connection_made(transport)

    def data_received(self, data):
        self._append(data)
        super().data_received(data)

    def _append(self, data):
        with open(self.record, "ab") as f:
            f.write(data)

    @syntax("AUTH <mechanism>")
    async def smtp_AUTH(self, arg):
        parts = arg.split(None, 1) if arg else []
        if parts:
            parts[0] = parts[0].upper()
        return await super().smtp_AUTH(" ".join(parts))


class TestController(Controller):
    def factory(self):
        return RecordingSMTP(self.handler, **self.SMTP_kwargs)


class Handler:
    def __init__(self, out):
        self.out = out
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 No such user here"
        if address.startswith("busy"):
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": base64.b64encode(envelope.original_content or envelope.content).decode("ascii"),
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "authenticated": bool(session.authenticated),
        }
        name = os.path.join(self.out, "%04d.json" % self.count)
        with open(name + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.replace(name + ".tmp", name)
        return "250 Message accepted"


def free_port(host):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--implicit", action="store_true")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    RecordingSMTP.record = os.path.join(args.out, "received.log")
    kwargs = {}
    controller_kwargs = {}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.implicit:
            controller_kwargs["ssl_context"] = context
        else:
            kwargs["tls_context"] = context
    if args.user:
        user, password = args.user.encode(), args.password.encode()

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login == user and auth_data.password == password
            return AuthResult(success=ok, handled=False)

        kwargs["authenticator"] = authenticator
        kwargs["auth_required"] = True
        # With implicit TLS the whole session is encrypted, but aiosmtpd only counts STARTTLS as TLS.
        kwargs["auth_require_tls"] = bool(args.cert) and not args.implicit

    port = free_port(args.host)
    controller = TestController(Handler(args.out), hostname=args.host, port=port, server_hostname="localhost",
                                decode_data=False, **controller_kwargs, **kwargs)
    controller.start()
    try:
        print("READY %d" % port, flush=True)
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
