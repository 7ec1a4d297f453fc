"""A real DNS server on 127.0.0.1 for tests, with records you set and faults you can switch on.

Why: the MX look-up (``composer.domains``) must be proven against a server that really speaks
DNS over UDP (and TCP for a truncated answer), times out and fails the way real ones do —
never against a mock of the resolver.

Quick use (pytest fixture in ``tests/conftest.py``)::

    def test_x(dns_server):      # started, APOLOGY_COMPOSER_NAMESERVER set, domains' cache cleared
        dns_server.set_records("shop.test", "MX", [(10, "shop-test.mail.protection.outlook.com.")])
        assert domains.mx_hosts("shop.test") == ("shop-test.mail.protection.outlook.com",)
        assert dns_server.queries == [("shop.test", "MX")]

Without pytest::

    with DNSTestServer({"shop.test": {"MX": [(10, "mx.shop.test.")]}}) as server:
        os.environ["APOLOGY_COMPOSER_NAMESERVER"] = server.nameserver   # "127.0.0.1:<port>"

Constructor ``DNSTestServer(zones=None, *, host="127.0.0.1", ttl=300, **faults)``:

- ``zones``: ``{name: {rtype: [values]}}``, e.g. ``{"shop.test": {"MX": [(10, "mx.shop.test.")],
  "TXT": ["v=spf1 -all"]}}``. Names are case-insensitive, with or without the final dot;
  Unicode names are IDNA-encoded as dnspython does (``"bücher.test"`` is asked for as
  ``xn--bcher-kva.test``). Values: MX as ``(preference, exchange)``; TXT as a string (split in
  255-byte strings) or a tuple of strings (one record of several strings); any other type as
  its zone-file text (``"A": ["192.0.2.1"]``), names in it absolute.
- ``set_records(name, rtype, values)`` replaces one name's records of one type (an empty list
  removes them); ``remove(name)`` forgets the name (it then answers NXDOMAIN).
- A name that is not in the zones, and is no parent of one, gets NXDOMAIN; a known name without
  records of the asked type gets an empty NOERROR answer (NoAnswer). Negative answers carry an
  SOA in the authority section, as real servers' do.
- ``port`` is a free port picked by the OS when ``start()`` runs, the same for UDP and TCP;
  ``address`` is ``(host, port)``; ``nameserver`` the ``host:port`` text for
  ``APOLOGY_COMPOSER_NAMESERVER`` (``[::1]:port`` for IPv6).

Records (thread-safe copies):

- ``queries`` → list of ``(name, rtype)`` in the order received, name lower-case without the
  final dot (``("shop.test", "MX")``); ``received`` → the same as ``Query`` (``name``,
  ``rtype``, ``tcp``). A query is recorded when it arrives, before it is answered (or not).
- ``errors`` → exceptions the server raised building an answer (its own bugs: that query got
  SERVFAIL); the fixture fails the test when there are any.
- ``clear()`` forgets the records (zones and faults stay).

Faults (keyword arguments of the constructor or ``set_faults(**faults)``; ``clear_faults()``
restores the defaults):

- ``silent`` (bool): record queries but never answer (the client's timeout path).
- ``servfail`` (bool): answer every query with SERVFAIL.
- ``truncate`` (bool): every UDP answer comes back empty with TC set, so the client must ask
  again over TCP (answers over 512 bytes, or the client's EDNS size, are truncated anyway).

The server runs in one thread (a selector over its UDP and TCP sockets); ``stop()`` closes
every socket and joins the thread.
"""

from __future__ import annotations

import selectors
import socket
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rdtypes.ANY.TXT
import dns.rrset

from tests.smtp_server import FaultSwitches, LoopbackService

UDP_LIMIT = 512  # without EDNS, an answer over UDP is at most this long


@dataclass(frozen=True)
class Query:
    """One question the server received."""

    name: str
    rtype: str
    tcp: bool


@dataclass
class Faults:
    """The misbehaviour switched on right now; see the module docstring."""

    silent: bool = False
    servfail: bool = False
    truncate: bool = False


def _key(name: str) -> str:
    """``name`` as the server files it: IDNA-encoded, lower-case, without the final dot."""
    return dns.name.from_text(name).to_text(omit_final_dot=True).lower()


def _rdata(rtype: str, value: Any) -> dns.rdata.Rdata:
    if isinstance(value, dns.rdata.Rdata):
        return value
    kind = dns.rdatatype.from_text(rtype)
    if kind == dns.rdatatype.MX and isinstance(value, tuple):
        preference, exchange = value
        value = f"{preference} {exchange}"
    elif kind == dns.rdatatype.TXT:
        strings = [value] if isinstance(value, str) else list(value)
        chunks = []
        for text in strings:
            data = text.encode("utf-8")
            chunks.extend([data[i : i + 255] for i in range(0, len(data), 255)] or [b""])
        return dns.rdtypes.ANY.TXT.TXT(dns.rdataclass.IN, dns.rdatatype.TXT, chunks)
    return dns.rdata.from_text(
        dns.rdataclass.IN, kind, str(value), origin=dns.name.root, relativize=False
    )


class DNSTestServer(LoopbackService, FaultSwitches):
    """A recording DNS server on loopback; see the module docstring for the API."""

    fault_type = Faults

    def __init__(
        self,
        zones: Mapping[str, Mapping[str, Iterable[Any]]] | None = None,
        *,
        host: str = "127.0.0.1",
        ttl: int = 300,
        **faults: Any,
    ) -> None:
        self.host = host
        self.ttl = ttl
        self.port = 0
        self._lock = threading.Lock()
        self._zones: dict[str, dict[str, list[dns.rdata.Rdata]]] = {}
        self._received: list[Query] = []
        self._faults = Faults()
        self._udp: socket.socket | None = None
        self._tcp: socket.socket | None = None
        self._wake: tuple[socket.socket, socket.socket] | None = None
        self._held: list[socket.socket] = []  # TCP clients a silent server never answers
        self._thread: threading.Thread | None = None
        self._stopping = False
        self.errors: list[Exception] = []  # answers the server failed to build (its own bugs)
        for name, types in (zones or {}).items():
            for rtype, values in types.items():
                self.set_records(name, rtype, values)
        self.set_faults(**faults)

    # ---- records and faults ------------------------------------------------------------

    def set_records(self, name: str, rtype: str, values: Iterable[Any]) -> None:
        """Replace ``name``'s records of type ``rtype`` (none: remove them)."""
        rtype = rtype.upper()
        rdatas = [_rdata(rtype, value) for value in values]
        with self._lock:
            node = self._zones.setdefault(_key(name), {})
            if rdatas:
                node[rtype] = rdatas
            else:
                node.pop(rtype, None)

    def remove(self, name: str) -> None:
        """Forget ``name`` altogether: it answers NXDOMAIN from now on."""
        with self._lock:
            self._zones.pop(_key(name), None)

    @property
    def queries(self) -> list[tuple[str, str]]:
        with self._lock:
            return [(query.name, query.rtype) for query in self._received]

    @property
    def received(self) -> list[Query]:
        with self._lock:
            return list(self._received)

    def clear(self) -> None:
        with self._lock:
            self._received.clear()

    # ---- address -----------------------------------------------------------------------

    @property
    def address(self) -> tuple[str, int]:
        return (self.host, self.port)

    @property
    def nameserver(self) -> str:
        """``host:port`` for ``APOLOGY_COMPOSER_NAMESERVER``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    # ---- running -----------------------------------------------------------------------

    def start(self) -> DNSTestServer:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        for _ in range(20):  # the UDP port the OS picked may be taken for TCP: pick again
            udp = socket.socket(family, socket.SOCK_DGRAM)
            udp.bind((self.host, 0))
            tcp = socket.socket(family, socket.SOCK_STREAM)
            try:
                tcp.bind((self.host, udp.getsockname()[1]))
            except OSError:
                udp.close()
                tcp.close()
                continue
            break
        else:
            raise OSError("no port free for both UDP and TCP on " + self.host)
        tcp.listen(16)
        udp.setblocking(False)
        tcp.setblocking(False)
        self._udp, self._tcp = udp, tcp
        self._wake = socket.socketpair()
        self.port = udp.getsockname()[1]
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, name="dns-test-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is None or self._wake is None:
            return
        self._stopping = True
        self._wake[1].send(b"x")
        self._thread.join(timeout=10)
        self._thread = None
        for sock in (self._udp, self._tcp, *self._wake, *self._held):
            if sock is not None:
                sock.close()
        self._udp = self._tcp = self._wake = None
        self._held.clear()

    def _serve(self) -> None:
        assert self._udp is not None and self._tcp is not None and self._wake is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self._udp, selectors.EVENT_READ, "udp")
            selector.register(self._tcp, selectors.EVENT_READ, "tcp")
            selector.register(self._wake[0], selectors.EVENT_READ, "wake")
            while not self._stopping:
                for key, _ in selector.select():
                    if key.data == "udp":
                        self._on_udp()
                    elif key.data == "tcp":
                        self._on_tcp()

    def _on_udp(self) -> None:
        assert self._udp is not None
        try:
            wire, client = self._udp.recvfrom(65535)
        except (BlockingIOError, ConnectionError):
            return
        reply = self._reply(wire, tcp=False)
        if reply is not None:
            self._udp.sendto(reply, client)

    def _on_tcp(self) -> None:
        assert self._tcp is not None
        try:
            conn, _ = self._tcp.accept()
        except BlockingIOError:
            return
        conn.setblocking(True)
        conn.settimeout(2.0)
        held = False
        try:
            while True:  # one client may ask several questions on one connection
                size = self._read(conn, 2)
                if size is None:
                    break
                wire = self._read(conn, int.from_bytes(size, "big"))
                if wire is None:
                    break
                reply = self._reply(wire, tcp=True)
                if reply is None:  # silent: hold the connection open, unanswered
                    self._held.append(conn)
                    held = True
                    break
                conn.sendall(len(reply).to_bytes(2, "big") + reply)
        except OSError:
            pass
        finally:
            if not held:
                conn.close()

    @staticmethod
    def _read(conn: socket.socket, count: int) -> bytes | None:
        data = b""
        while len(data) < count:
            chunk = conn.recv(count - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def _reply(self, wire: bytes, *, tcp: bool) -> bytes | None:
        """The answer to one query in wire form, or None to say nothing. A bug in the server
        (an answer it cannot build) is kept in ``errors`` and answered with SERVFAIL."""
        try:
            query = dns.message.from_wire(wire)
        except dns.exception.DNSException:
            return None
        if not query.question:
            return None
        try:
            return self._answer(query, tcp=tcp)
        except Exception as exc:
            with self._lock:
                self.errors.append(exc)
            response = dns.message.make_response(query)
            response.set_rcode(dns.rcode.SERVFAIL)
            return response.to_wire()

    def _answer(self, query: dns.message.Message, *, tcp: bool) -> bytes | None:
        question = query.question[0]
        name = question.name.to_text(omit_final_dot=True).lower()
        rtype = dns.rdatatype.to_text(question.rdtype)
        with self._lock:
            self._received.append(Query(name, rtype, tcp))
            faults = self._faults
            node = self._zones.get(name)
            exists = node is not None or any(key.endswith("." + name) for key in self._zones)
            rdatas = list(node.get(rtype, ())) if node is not None else []
        if faults.silent:
            return None
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        if faults.servfail:
            response.set_rcode(dns.rcode.SERVFAIL)
        elif rdatas:
            response.answer.append(dns.rrset.from_rdata_list(question.name, self.ttl, rdatas))
        else:
            if not exists:
                response.set_rcode(dns.rcode.NXDOMAIN)
            response.authority.append(self._soa(question.name))
        if faults.truncate and not tcp:
            response.answer.clear()
            response.authority.clear()
            response.flags |= dns.flags.TC
        limit = 65535 if tcp else max(UDP_LIMIT, query.payload if query.edns >= 0 else 0)
        return response.to_wire(max_size=limit, prefer_truncation=True)

    def _soa(self, name: dns.name.Name) -> dns.rrset.RRset:
        """An SOA for negative answers, owned by the parent of ``name`` (a stand-in zone)."""
        zone = name.parent() if len(name) > 2 else name
        soa = dns.rdata.from_text(
            dns.rdataclass.IN,
            dns.rdatatype.SOA,
            f"ns.{zone} hostmaster.{zone} 1 3600 600 86400 {min(self.ttl, 60)}",
        )
        return dns.rrset.from_rdata_list(zone, self.ttl, [soa])
