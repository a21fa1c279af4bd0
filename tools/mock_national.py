#!/usr/bin/env python3
"""Mock of Vietnam's national databases and national public service portal.

Used by the integration tests, the demo and the benchmark of motcua.  It is
an asyncio HTTP/1.1 server (hand-written parser, keep-alive, Content-Length
bodies, optional TLS and mutual TLS, optional bearer and HMAC request
authentication) that serves:

  GET  /{source}/records/{key}         deterministic synthetic record
  GET  /{source}/changes?after=&limit= change feed of a source
  POST /portal/DongBoHoSoMC            dossier reception (idempotent by MaHoSo, seq; first_seq..seq)
  POST /portal/CapNhatTienDoHoSoMC     dossier progress update
  GET  /procedure_catalogue/procedures?since=ISO8601
  /_admin/...                          faults, feed, catalogue, stats, health

Sources: population, enterprise, social_insurance, land, civil_status, tax.

Usage:
  mock_national.py --port-file FILE [--port N] [--tls-cert CERT --tls-key KEY]
                   [--client-ca CA] [--ttl SECONDS] [--bearer TOKEN]
                   [--hmac-secret SECRET] [--quiet] [--no-portal-bodies]
                   [--watch-pid PID]
  mock_national.py --self-bench SECONDS     measure the mock's own capacity

The server binds 127.0.0.1 only, writes its port to --port-file once it
listens, and exits by itself after --ttl seconds (0: never) or when its
parent dies (with --watch-pid PID: when that process does).
Python 3.11 standard library only.
"""

import argparse
import asyncio
import datetime as dt
import hashlib
import hmac
import json
import os
import random
import resource
import signal
import socket
import ssl
import struct
import sys
import time
from urllib.parse import unquote

SOURCES = ("population", "enterprise", "social_insurance", "land", "civil_status", "tax")
CHANGE_KINDS = ("moved", "dissolved", "revoked", "updated")
FAULT_KINDS = ("delay", "500", "502", "503", "429", "reset", "malformed", "nul_escape", "oversized",
               "drip", "hang", "404", "401")
MAX_HEAD = 64 * 1024
MAX_BODY = 16 * 1024 * 1024
DEFAULT_OVERSIZE = 2 * 1024 * 1024
DRIP_INTERVAL = 0.2
HMAC_WINDOW = 300

REASONS = {
    100: "Continue", 200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
    409: "Conflict", 411: "Length Required", 413: "Payload Too Large", 429: "Too Many Requests",
    431: "Request Header Fields Too Large", 500: "Internal Server Error",
    502: "Bad Gateway", 503: "Service Unavailable",
}
STATUS_LINES = {code: b"HTTP/1.1 %d %s\r\n" % (code, reason.encode()) for code, reason in REASONS.items()}
TAIL_KEEP = b"Connection: keep-alive\r\n\r\n"
TAIL_CLOSE = b"Connection: close\r\n\r\n"


def jbytes(obj):
    """Compact UTF-8 JSON."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def iso_utc(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


# Canned error bodies
E_UNAUTHORIZED = jbytes({"error": "unauthorized"})
E_BAD_SIGNATURE = jbytes({"error": "bad_signature"})
E_STALE = jbytes({"error": "stale_timestamp"})
E_NOT_FOUND = jbytes({"error": "not_found"})
E_NO_ENDPOINT = jbytes({"error": "no_such_endpoint"})
E_BAD_REQUEST = jbytes({"error": "bad_request"})
FAULT_BODIES = {
    500: jbytes({"error": "internal_error", "injected": True}),
    502: jbytes({"error": "bad_gateway", "injected": True}),
    503: jbytes({"error": "service_unavailable", "injected": True}),
    429: jbytes({"error": "rate_limited", "injected": True}),
    404: jbytes({"error": "not_found", "injected": True}),
    401: jbytes({"error": "unauthorized", "injected": True}),
}
MALFORMED_BODY = b'{"key": "0010990'
OK_TRUE = jbytes({"ok": True})


# ---------------------------------------------------------------------------
# Synthetic data
# ---------------------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
          "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương", "Mai"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành", "Công", "Xuân", "Ngọc", "Gia"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Bảo", "Phương", "Mỹ", "Hồng"]
GIVEN_M = ["Anh", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc",
           "Quang", "Sơn", "Thắng", "Toàn", "Tuấn", "Việt", "Hiếu", "Đạt", "Lộc", "Trung"]
GIVEN_F = ["Lan", "Hương", "Mai", "Hoa", "Hằng", "Linh", "Ngân", "Nhung", "Phượng", "Quỳnh",
           "Thảo", "Trang", "Tuyết", "Vân", "Yến", "Hà", "Ánh", "Loan", "Giang", "My"]
PROVINCES = ["Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh",
             "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai",
             "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình",
             "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
             "Đắk Lắk", "Thành phố Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ",
             "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang"]
WARDS = ["phường Hòa Bình", "phường Tân Phú", "xã Đông Hưng", "phường Quang Trung", "xã An Phú",
         "phường Trung Hòa", "xã Phước Long", "phường Thạnh Mỹ", "xã Tân Lập", "phường Hồng Hà",
         "phường Bến Thành", "xã Yên Thế", "phường Ngọc Hà", "xã Long Điền"]
STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Quang Trung",
           "Điện Biên Phủ", "Lý Thường Kiệt", "Phan Đình Phùng", "Hùng Vương", "Nguyễn Trãi",
           "Lê Duẩn", "Võ Thị Sáu"]
ENT_KINDS = ["Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH Một thành viên", "Doanh nghiệp tư nhân"]
ENT_TRADES = ["Thương mại", "Xây dựng", "Dịch vụ", "Sản xuất", "Vận tải", "Công nghệ",
              "Nông sản", "Du lịch"]
ENT_BRANDS = ["Hưng Thịnh", "Phát Đạt", "Minh Long", "An Khang", "Thành Công", "Đại Việt",
              "Hoàng Gia", "Sao Mai", "Bình Minh", "Trường Sơn"]
LAND_PURPOSES = ["Đất ở tại đô thị", "Đất ở tại nông thôn", "Đất trồng lúa",
                 "Đất trồng cây lâu năm", "Đất thương mại, dịch vụ"]

# Field holding the address (changed by a "moved" event) and the base status
ADDRESS_FIELD = {"population": "permanent_address", "enterprise": "address",
                 "social_insurance": "address", "land": "address",
                 "civil_status": "address", "tax": "address"}
BASE_STATUS = {"population": "active", "enterprise": "active", "social_insurance": "paying",
               "land": "valid", "civil_status": "registered", "tax": "active"}


def rng_for(*parts):
    seed = hashlib.sha256("\x00".join(parts).encode()).digest()
    return random.Random(int.from_bytes(seed[:16], "big"))


def person_name(r, female):
    if female:
        return "%s %s %s" % (r.choice(FAMILY), r.choice(MIDDLE_F), r.choice(GIVEN_F))
    return "%s %s %s" % (r.choice(FAMILY), r.choice(MIDDLE_M), r.choice(GIVEN_M))


def address(r):
    return "Số %d, đường %s, %s, %s" % (r.randint(1, 399), r.choice(STREETS), r.choice(WARDS),
                                          r.choice(PROVINCES))


def a_date(r, y0, y1):
    return "%04d-%02d-%02d" % (r.randint(y0, y1), r.randint(1, 12), r.randint(1, 28))


def company_name(r):
    return "%s %s %s" % (r.choice(ENT_KINDS), r.choice(ENT_TRADES), r.choice(ENT_BRANDS))


def base_record(source, key):
    """Deterministic synthetic record of (source, key)."""
    r = rng_for(source, key)
    if source == "population":
        year, female = None, r.random() < 0.5
        # A 12-digit personal identification number encodes the century and
        # sex (4th digit) and the two-digit birth year (5th-6th digits).
        if len(key) == 12 and key.isdigit() and int(key[3]) <= 9:
            cs = int(key[3])
            year = 1900 + (cs // 2) * 100 + int(key[4:6])
            female = cs % 2 == 1
        birth = a_date(r, 1950, 2006)
        if year is not None:
            birth = "%04d%s" % (year, birth[4:])
        return {"id_number": key, "full_name": person_name(r, female), "birth_date": birth,
                "sex": "female" if female else "male", "nationality": "Việt Nam",
                "ethnicity": "Kinh", "place_of_origin": r.choice(PROVINCES),
                "permanent_address": address(r), "status": "active"}
    if source == "enterprise":
        return {"enterprise_code": key, "enterprise_name": company_name(r), "status": "active",
                "registered_at": a_date(r, 1995, 2024), "address": address(r),
                "legal_representative": person_name(r, r.random() < 0.4),
                "charter_capital": r.randint(1, 500) * 100_000_000}
    if source == "social_insurance":
        return {"insurance_number": key, "insured_name": person_name(r, r.random() < 0.5),
                "status": "paying", "since": a_date(r, 2000, 2024), "employer": company_name(r),
                "address": address(r)}
    if source == "land":
        return {"certificate_number": key, "owner_name": person_name(r, r.random() < 0.5),
                "parcel_number": r.randint(1, 999), "map_sheet": r.randint(1, 80),
                "area_m2": round(r.uniform(40, 2000), 1), "land_use_purpose": r.choice(LAND_PURPOSES),
                "address": address(r), "issued_at": a_date(r, 1995, 2024), "status": "valid"}
    if source == "civil_status":
        female = r.random() < 0.5
        ward, province = r.choice(WARDS), r.choice(PROVINCES)
        return {"registration_number": key, "event": "birth",
                "full_name": person_name(r, female), "birth_date": a_date(r, 1980, 2024),
                "sex": "female" if female else "male", "father_name": person_name(r, False),
                "mother_name": person_name(r, True),
                "registration_office": "Ủy ban nhân dân %s, %s" % (ward, province),
                "registered_at": a_date(r, 1980, 2024), "address": address(r),
                "status": "registered"}
    # tax
    return {"tax_code": key, "taxpayer_name": company_name(r) if r.random() < 0.5 else person_name(r, r.random() < 0.5),
            "status": "active", "tax_office": "Thuế cơ sở %d %s" % (r.randint(1, 12), r.choice(PROVINCES)),
            "registered_at": a_date(r, 1998, 2024), "address": address(r)}


PROCEDURE_NAMES = [
    "Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử", "Cấp bản sao trích lục hộ tịch",
    "Đăng ký thường trú", "Đăng ký tạm trú", "Cấp thẻ Căn cước",
    "Đăng ký thành lập doanh nghiệp tư nhân",
    "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
    "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", "Đăng ký thành lập hộ kinh doanh",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Đăng ký biến động quyền sử dụng đất",
    "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "Đăng ký thuế lần đầu",
    "Chứng thực bản sao từ bản chính", "Chứng thực chữ ký", "Cấp Phiếu lý lịch tư pháp",
    "Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
    "Giải quyết hưởng trợ cấp thất nghiệp",
]


def build_catalogue():
    procs = []
    for i, name in enumerate(PROCEDURE_NAMES):
        r = rng_for("procedure", name)
        code = "1.%06d" % (1000 + 97 * i + r.randint(0, 90))
        decision = dt.date(2021 + i % 4, 1 + (i * 5) % 12, 1 + (i * 7) % 28)
        effective = decision + dt.timedelta(days=r.randint(30, 60))
        # most publications come well before the effect, some late
        published = effective - dt.timedelta(days=r.randint(-5, 25))
        procs.append({
            "code": code, "name": name, "version": 1,
            "duration_days": r.choice([1, 3, 5, 7, 10, 15, 20, 30]),
            "fee": r.choice([0, 0, 8000, 20000, 50000, 100000, 200000, 500000]),
            "decision_date": decision.isoformat(), "effective_date": effective.isoformat(),
            "published_at": published.isoformat(),
            "content_complete": i % 7 != 3,
            "updated_at": published.isoformat() + "T00:00:00Z",
            "_changed": dt.datetime(published.year, published.month, published.day,
                                    tzinfo=dt.timezone.utc).timestamp(),
        })
    return procs


def parse_since(text):
    text = text.strip()
    if text.endswith("Z") or text.endswith("z"):
        text = text[:-1] + "+00:00"
    d = dt.datetime.fromisoformat(text)
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.timezone.utc)
    return d.timestamp()


def parse_query(query):
    out = {}
    if query:
        for part in query.split("&"):
            k, _, v = part.partition("=")
            out[unquote(k)] = unquote(v.replace("+", " "))
    return out


# ---------------------------------------------------------------------------
# HTTP connection
# ---------------------------------------------------------------------------

class Request:
    __slots__ = ("method", "target", "path", "query", "headers", "body", "keep")


class HttpConn(asyncio.Protocol):
    """One client connection: parses requests, hands them to the Mock."""

    def __init__(self, mock):
        self.mock = mock
        self.tr = None
        self.buf = bytearray()
        self.busy = False          # a request is being answered asynchronously
        self.closed = False
        self.req_open = False      # a non-admin request counts in in_flight
        self.timer = None
        self.head = None           # parsed head waiting for its body

    # -- asyncio callbacks
    def connection_made(self, tr):
        self.tr = tr
        m = self.mock
        m.connections += 1
        if m.connections > m.max_connections:
            m.max_connections = m.connections
        sock = tr.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass

    def connection_lost(self, exc):
        m = self.mock
        m.connections -= 1
        self.closed = True
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if self.req_open:
            self.req_open = False
            m.in_flight -= 1

    def data_received(self, data):
        self.buf += data
        if not self.busy:
            self.process()

    def eof_received(self):
        return False

    # -- parsing
    def process(self):
        buf = self.buf
        while buf and not self.busy and not self.closed:
            head = self.head
            if head is None:
                while buf[:2] == b"\r\n":
                    del buf[:2]
                i = buf.find(b"\r\n\r\n")
                if i < 0:
                    if len(buf) > MAX_HEAD:
                        self.error_close(431)
                    return
                head = self.parse_head(bytes(buf[:i]))
                if head is None:
                    return
                head.append(i + 4)
                self.head = head
            req, clen, expect, start = head
            need = start + clen
            if len(buf) < need:
                if expect:
                    head[2] = False
                    self.tr.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                return
            req.body = bytes(buf[start:need]) if clen else b""
            del buf[:need]
            self.head = None
            self.mock.dispatch(self, req)

    def parse_head(self, raw):
        lines = raw.split(b"\r\n")
        parts = lines[0].split(b" ")
        if len(parts) != 3 or not parts[2].startswith(b"HTTP/1.") or not parts[1] or not parts[0].isalpha():
            self.mock.note_bad_request()
            self.error_close(400)
            return None
        headers = {}
        for line in lines[1:]:
            k, sep, v = line.partition(b":")
            if not sep:
                self.mock.note_bad_request()
                self.error_close(400)
                return None
            headers[k.strip().lower()] = v.strip()
        if b"transfer-encoding" in headers:
            self.error_close(411, jbytes({"error": "content_length_required"}))
            return None
        clen = headers.get(b"content-length")
        if clen is None:
            n = 0
        else:
            try:
                n = int(clen)
                if n < 0:
                    raise ValueError
            except ValueError:
                self.mock.note_bad_request()
                self.error_close(400)
                return None
            if n > MAX_BODY:
                self.error_close(413, jbytes({"error": "body_too_large"}))
                return None
        conn = headers.get(b"connection", b"").lower()
        if parts[2] == b"HTTP/1.1":
            keep = b"close" not in conn
        else:
            keep = b"keep-alive" in conn
        req = Request()
        req.method = parts[0]
        req.target = parts[1]
        target = parts[1].decode("utf-8", "replace")
        path, _, req.query = target.partition("?")
        req.path = path
        req.headers = headers
        req.keep = keep
        expect = n > 0 and headers.get(b"expect", b"").lower() == b"100-continue"
        return [req, n, expect]

    # -- writing
    def respond(self, status, body, keep, extra=b""):
        if self.closed:
            return
        self.tr.write(b"%sContent-Type: application/json\r\nContent-Length: %d\r\n%s%s%s" % (
            STATUS_LINES[status], len(body), extra, TAIL_KEEP if keep else TAIL_CLOSE, body))
        if not keep:
            self.closed = True
            self.tr.close()

    def error_close(self, status, body=E_BAD_REQUEST):
        self.respond(status, body, False)

    def resume(self):
        """Continue with buffered requests after an asynchronous answer."""
        self.busy = False
        self.timer = None
        if self.buf and not self.closed:
            self.process()

    def abort(self):
        sock = self.tr.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass
        self.closed = True
        self.tr.abort()


# ---------------------------------------------------------------------------
# The mock
# ---------------------------------------------------------------------------

class Mock:
    def __init__(self, bearer=None, hmac_secret=None, quiet=False):
        self.bearer_hdr = ("Bearer " + bearer).encode() if bearer else None
        self.hmac_key = hmac_secret.encode() if hmac_secret else None
        self.quiet = quiet
        self.loop = None
        # statistics
        self.requests = 0
        self.by_prefix = {}
        self.by_status = {}
        self.in_flight = 0
        self.max_in_flight = 0
        self.connections = 0
        self.max_connections = 0
        # faults
        self.faults = []
        self.fault_rng = random.Random(17)
        self.oversize_cache = {}
        # feeds: per source, the list of events (seq = index + 1)
        self.feeds = {s: [] for s in SOURCES}
        self.feed_bytes = {s: [] for s in SOURCES}
        self.overlay = {}      # (source, key) -> dict of changed fields
        self.rec_cache = {}    # (source, key) -> (prefix bytes, suffix bytes)
        # portal
        self.portal = {}       # MaHoSo -> [accepted seqs]
        self.portal_docs = {}  # MaHoSo -> [{"seq", "first_seq", "endpoint", "body"}]
        self.keep_bodies = True  # (off for a long demo: only the seqs are kept)
        # catalogue
        self.catalogue = build_catalogue()
        self.catalogue_by_code = {p["code"]: p for p in self.catalogue}
        self.catalogue_all = None
        self._asof_sec = -1
        self._asof = b""
        self.prefix_names = {}

    def log(self, msg):
        if not self.quiet:
            sys.stderr.write("mock_national: %s\n" % msg)

    def asof(self):
        now = int(time.time())
        if now != self._asof_sec:
            self._asof_sec = now
            self._asof = iso_utc(now).encode()
        return self._asof

    def note_bad_request(self):
        self.requests += 1
        self.by_status[400] = self.by_status.get(400, 0) + 1

    # -- request entry point
    def dispatch(self, conn, req):
        path = req.path
        if path.startswith("/_admin/"):
            status, body = self.admin(req)
            conn.respond(status, body, req.keep)
            return
        self.requests += 1
        j = path.find("/", 1)
        prefix = path if j < 0 else path[:j]
        bp = self.by_prefix
        bp[prefix] = bp.get(prefix, 0) + 1
        self.in_flight += 1
        if self.in_flight > self.max_in_flight:
            self.max_in_flight = self.in_flight
        conn.req_open = True
        if not self.quiet:
            self.log("%s %s" % (req.method.decode(), req.target.decode("utf-8", "replace")))
        if self.faults:
            rule = self.match_fault(req.target.decode("utf-8", "replace"))
            if rule is not None:
                self.start_fault(conn, req, rule)
                return
        status, body, extra = self.answer(req)
        self.finish(conn, req, status, body, extra)

    def finish(self, conn, req, status, body, extra=b""):
        bs = self.by_status
        bs[status] = bs.get(status, 0) + 1
        if conn.req_open:
            conn.req_open = False
            self.in_flight -= 1
        conn.respond(status, body, req.keep, extra)

    def count_outcome(self, label):
        self.by_status[label] = self.by_status.get(label, 0) + 1

    # -- authentication and routing
    def answer(self, req):
        """(status, body, extra headers) of a non-admin request."""
        h = req.headers
        if self.bearer_hdr is not None and h.get(b"authorization") != self.bearer_hdr:
            return 401, E_UNAUTHORIZED, b""
        if self.hmac_key is not None:
            err = self.check_hmac(req)
            if err is not None:
                return 401, err, b""
        path = req.path
        seg = path.split("/", 3)
        n = len(seg)
        source = seg[1] if n > 1 else ""
        method = req.method
        if source in self.feeds:
            if n == 4 and seg[2] == "records" and seg[3] and method == b"GET":
                return self.get_record(source, seg[3])
            if n == 3 and seg[2] == "changes" and method == b"GET":
                return self.get_changes(source, req.query)
        elif source == "portal":
            if n == 3 and method == b"POST" and seg[2] in ("DongBoHoSoMC", "CapNhatTienDoHoSoMC"):
                return self.portal_post(seg[2], req.body)
        elif source == "procedure_catalogue":
            if path == "/procedure_catalogue/procedures" and method == b"GET":
                return self.get_catalogue(req.query)
        return 404, E_NO_ENDPOINT, b""

    def check_hmac(self, req):
        h = req.headers
        ts = h.get(b"x-motcua-timestamp")
        sig = h.get(b"x-motcua-signature")
        if not ts or not sig:
            return E_BAD_SIGNATURE
        msg = b"%s\n%s\n%s\n%s" % (req.method, req.target, ts,
                                   hashlib.sha256(req.body).hexdigest().encode())
        good = hmac.new(self.hmac_key, msg, hashlib.sha256).hexdigest().encode()
        if not hmac.compare_digest(good, sig.lower()):
            return E_BAD_SIGNATURE
        try:
            t = int(ts)
        except ValueError:
            return E_BAD_SIGNATURE
        if abs(time.time() - t) > HMAC_WINDOW:
            return E_STALE
        return None

    # -- records
    def record_of(self, source, key):
        rec = base_record(source, key)
        ov = self.overlay.get((source, key))
        if ov:
            rec.update(ov)
        return rec

    def get_record(self, source, key):
        if "%" in key:
            key = unquote(key)
        if key.endswith("404"):
            return 404, E_NOT_FOUND, b""
        ck = (source, key)
        parts = self.rec_cache.get(ck)
        if parts is None:
            if len(self.rec_cache) >= 50_000:
                self.rec_cache.clear()
            parts = (b'{"key":%s,"source":"%s","as_of":"' % (jbytes(key), source.encode()),
                     b'","record":%s}' % jbytes(self.record_of(source, key)))
            self.rec_cache[ck] = parts
        return 200, parts[0] + self.asof() + parts[1], b""

    def get_changes(self, source, query):
        q = parse_query(query)
        try:
            after = int(q.get("after") or 0)
            limit = int(q.get("limit") or 100)
        except ValueError:
            return 400, jbytes({"error": "bad_parameter"}), b""
        if after < 0 or limit < 1:
            return 400, jbytes({"error": "bad_parameter"}), b""
        limit = min(limit, 1000)
        events = self.feed_bytes[source][after:after + limit]
        cursor = after + len(events) if events else after
        return 200, b'{"cursor":"%d","changes":[%s]}' % (cursor, b",".join(events)), b""

    def add_event(self, source, key, change):
        events = self.feeds[source]
        seq = len(events) + 1
        now = time.time()
        at = iso_utc(now)
        ov = self.overlay.setdefault((source, key), {})
        if change in ("dissolved", "revoked"):
            ov["status"] = change
        elif change == "moved":
            ov[ADDRESS_FIELD[source]] = address(rng_for(source, key, "moved", str(seq)))
        else:
            ov["revision"] = ov.get("revision", 0) + 1
        ov["updated_at"] = at
        self.rec_cache.pop((source, key), None)
        ev = {"seq": seq, "key": key, "change": change, "at": at,
              "record": self.record_of(source, key)}
        events.append(ev)
        self.feed_bytes[source].append(jbytes(ev))
        return ev

    # -- portal
    def portal_post(self, endpoint, body):
        # a record covers the dossier's events first_seq .. seq (one
        # transaction's; first_seq defaults to seq): held once, in order
        try:
            doc = json.loads(body)
            ma = doc["MaHoSo"]
            seq = doc["seq"]
            first = doc.get("first_seq", seq)
            if not isinstance(ma, str) or not ma or any(isinstance(v, bool) or not isinstance(v, int) for v in (seq, first)) \
                    or not 1 <= first <= seq:
                raise ValueError
        except (ValueError, KeyError, TypeError):
            return 400, jbytes({"error_code": 3, "error": "bad_request"}), b""
        seqs = self.portal.get(ma)
        if seqs is None:
            if endpoint == "CapNhatTienDoHoSoMC":
                return 409, jbytes({"error_code": 1, "error": "unknown_dossier"}), b""
            seqs = []
        if seq <= len(seqs):
            return 200, jbytes({"error_code": 0, "duplicate": True}), b""
        if first != len(seqs) + 1:
            return 409, jbytes({"error_code": 2, "error": "out_of_order", "expected": len(seqs) + 1}), b""
        if not seqs:
            self.portal[ma] = seqs
            self.portal_docs[ma] = []
        seqs.extend(range(first, seq + 1))
        if self.keep_bodies:
            self.portal_docs[ma].append({"seq": seq, "first_seq": first, "endpoint": endpoint, "body": doc})
        return 200, b'{"error_code":0}', b""

    # -- catalogue
    @staticmethod
    def public_proc(p):
        return {k: v for k, v in p.items() if not k.startswith("_")}

    def get_catalogue(self, query):
        since = parse_query(query).get("since")
        if not since:
            if self.catalogue_all is None:
                self.catalogue_all = jbytes({"procedures": [self.public_proc(p) for p in self.catalogue]})
            return 200, self.catalogue_all, b""
        try:
            t = parse_since(since)
        except ValueError:
            return 400, jbytes({"error": "bad_since"}), b""
        return 200, jbytes({"procedures": [self.public_proc(p) for p in self.catalogue
                                           if p["_changed"] >= t]}), b""

    # -- faults
    def match_fault(self, target):
        for rule in self.faults:
            if rule["times"] != 0 and rule["match"] in target:
                # (a rule with a probability takes that share of the
                # requests it matches, drawn for each)
                if rule["probability"] < 1 and self.fault_rng.random() >= rule["probability"]:
                    continue
                if rule["times"] > 0:
                    rule["times"] -= 1
                rule["hits"] += 1
                return rule
        return None

    def start_fault(self, conn, req, rule):
        delay = rule["delay_ms"]
        if delay > 0:
            conn.busy = True
            conn.timer = self.loop.call_later(delay / 1000.0, self.after_delay, conn, req, rule)
        else:
            self.do_fault(conn, req, rule)

    def after_delay(self, conn, req, rule):
        conn.timer = None
        if conn.closed:
            return
        self.do_fault(conn, req, rule)
        if rule["fault"] not in ("drip", "hang"):
            conn.resume()

    def do_fault(self, conn, req, rule):
        kind = rule["fault"]
        if kind == "delay":
            status, body, extra = self.answer(req)
            self.finish(conn, req, status, body, extra)
        elif kind in ("500", "502", "503", "404", "401"):
            code = int(kind)
            self.finish(conn, req, code, FAULT_BODIES[code])
        elif kind == "429":
            self.finish(conn, req, 429, FAULT_BODIES[429], b"Retry-After: %d\r\n" % rule["retry_after"])
        elif kind == "reset":
            self.count_outcome("reset")
            conn.abort()
        elif kind == "malformed":
            self.finish(conn, req, 200, MALFORMED_BODY)
        elif kind == "nul_escape":
            # well-formed JSON that PostgreSQL's jsonb refuses (\u0000)
            self.finish(conn, req, 200, b'{"record": {"full_name": "A\\u0000B"}}')
        elif kind == "oversized":
            self.finish(conn, req, 200, self.padded(rule["size"] if rule["size"] is not None else DEFAULT_OVERSIZE))
        elif kind == "drip":
            if rule["size"] is not None:
                status, body, extra = 200, self.padded(rule["size"]), b""
            else:
                status, body, extra = self.answer(req)
            conn.busy = True
            conn.tr.write(b"%sContent-Type: application/json\r\nContent-Length: %d\r\n%s%s" % (
                STATUS_LINES[status], len(body), extra, TAIL_KEEP if req.keep else TAIL_CLOSE))
            conn.timer = self.loop.call_later(DRIP_INTERVAL, self.drip_step, conn, req, status, body, 0)
        elif kind == "hang":
            conn.busy = True
            self.count_outcome("hang")

    def drip_step(self, conn, req, status, body, i):
        conn.timer = None
        if conn.closed:
            return
        conn.tr.write(body[i:i + 1])
        i += 1
        if i < len(body):
            conn.timer = self.loop.call_later(DRIP_INTERVAL, self.drip_step, conn, req, status, body, i)
            return
        self.by_status[status] = self.by_status.get(status, 0) + 1
        if conn.req_open:
            conn.req_open = False
            self.in_flight -= 1
        if not req.keep:
            conn.closed = True
            conn.tr.close()
            return
        conn.resume()

    def padded(self, size):
        """A valid JSON body of exactly size bytes (at least 2)."""
        size = max(int(size), 2)
        b = self.oversize_cache.get(size)
        if b is None:
            if size >= 14:
                b = b'{"padding":"' + b"x" * (size - 14) + b'"}'
            else:
                b = b"{}" + b" " * (size - 2)
            if len(self.oversize_cache) > 8:
                self.oversize_cache.clear()
            self.oversize_cache[size] = b
        return b

    # -- admin
    def admin(self, req):
        path, m = req.path, req.method
        try:
            if path == "/_admin/health" and m == b"GET":
                return 200, jbytes({"ok": True})
            if path == "/_admin/stats" and m == b"GET":
                return 200, jbytes(self.stats())
            if path == "/_admin/reset_stats" and m == b"POST":
                self.requests = 0
                self.by_prefix = {}
                self.by_status = {}
                self.max_in_flight = self.in_flight
                self.max_connections = self.connections
                return 200, OK_TRUE
            if path == "/_admin/faults":
                if m == b"DELETE":
                    self.faults = []
                    return 200, OK_TRUE
                if m == b"GET":
                    return 200, jbytes(self.faults)
                if m == b"POST":
                    self.faults = self.parse_rules(json.loads(req.body or b"[]"))
                    self.log("fault rules: %s" % self.faults)
                    return 200, jbytes({"ok": True, "rules": len(self.faults)})
            if path == "/_admin/feed" and m == b"POST":
                d = json.loads(req.body)
                source, key, change = d.get("source"), d.get("key"), d.get("change")
                if source not in self.feeds:
                    return 400, jbytes({"error": "unknown_source"})
                if not isinstance(key, str) or not key:
                    return 400, jbytes({"error": "bad_key"})
                if change not in CHANGE_KINDS:
                    return 400, jbytes({"error": "bad_change"})
                return 200, jbytes(self.add_event(source, key, change))
            if path == "/_admin/catalogue" and m == b"POST":
                return self.change_procedure(json.loads(req.body))
            if path == "/_admin/portal" and m == b"GET":
                return 200, jbytes(self.portal_docs)
            if path == "/_admin/portal" and m == b"DELETE":
                self.portal = {}
                self.portal_docs = {}
                return 200, OK_TRUE
        except (ValueError, TypeError, AttributeError) as e:
            return 400, jbytes({"error": "bad_request", "detail": str(e)})
        return 404, E_NO_ENDPOINT

    def stats(self):
        return {"requests": self.requests, "by_path_prefix": self.by_prefix,
                "by_status": {str(k): v for k, v in self.by_status.items()},
                "in_flight": self.in_flight, "max_in_flight": self.max_in_flight,
                "connections": self.connections, "max_connections": self.max_connections,
                "portal": self.portal}

    @staticmethod
    def parse_rules(rules):
        """Fault rules: {"match": part of the target, "fault": a kind of
        FAULT_KINDS, "times": how many requests (-1: all), "probability":
        the share of the matching requests it takes (1: each), "delay_ms",
        "retry_after", "size"}; GET /_admin/faults shows each rule's "hits"."""
        if isinstance(rules, dict):
            rules = rules.get("rules", [rules])
        if not isinstance(rules, list):
            raise ValueError("a JSON list of rules is expected")
        out = []
        for r in rules:
            if not isinstance(r, dict):
                raise ValueError("each rule is a JSON object")
            fault = str(r.get("fault", ""))
            if fault not in FAULT_KINDS:
                raise ValueError("unknown fault %r" % fault)
            delay = r.get("delay_ms")
            if delay is None:
                delay = 1000 if fault == "delay" else 0
            size = r.get("size")
            probability = float(r.get("probability", 1))
            if not 0 < probability <= 1:
                raise ValueError("probability must be above 0 and at most 1")
            rule = {"match": str(r.get("match", "")), "fault": fault,
                    "times": int(r.get("times", -1)), "delay_ms": max(0, int(delay)),
                    "retry_after": int(r.get("retry_after", 1)),
                    "size": None if size is None else int(size),
                    "probability": probability, "hits": 0}
            out.append(rule)
        return out

    def change_procedure(self, d):
        """A new version of a procedure (or its first, for a code the
        catalogue did not hold): the given terms and dates, the rest kept;
        "same_version": true corrects the current version instead."""
        code = d.get("code")
        if not isinstance(code, str) or not code:
            return 400, jbytes({"error": "bad_code"})
        p = self.catalogue_by_code.get(code)
        if p is None:
            if "name" not in d:
                return 404, jbytes({"error": "unknown_procedure"})
            p = {"code": code, "name": "", "version": 0, "duration_days": 1, "fee": 0,
                 "decision_date": None, "effective_date": None, "published_at": None,
                 "content_complete": True}
            self.catalogue.append(p)
            self.catalogue_by_code[code] = p
        for k in ("duration_days", "fee", "duration"):
            if k in d:
                v = d[k]
                if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
                    return 400, jbytes({"error": "bad_" + k})
                p[k] = v
        for k in ("name", "duration_unit", "decision_date", "effective_date", "published_at"):
            if k in d:
                p[k] = None if d[k] is None else str(d[k])
        if "content_complete" in d:
            p["content_complete"] = bool(d["content_complete"])
        now = time.time()
        if not d.get("same_version"):
            p["version"] += 1
        # (the stamp a client reads back as its cursor is exactly the one
        # compared: "since" takes what changed at or after it)
        stamp = dt.datetime.fromtimestamp(now, dt.timezone.utc)
        p["updated_at"] = stamp.isoformat(timespec="microseconds").replace("+00:00", "Z")
        p["_changed"] = parse_since(p["updated_at"])
        if "published_at" not in d and not d.get("same_version"):
            p["published_at"] = time.strftime("%Y-%m-%d", time.gmtime(now))
        self.catalogue_all = None
        return 200, jbytes(self.public_proc(p))


# ---------------------------------------------------------------------------
# Server start-up and life cycle
# ---------------------------------------------------------------------------

def make_ssl(cert, key, client_ca):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    ctx.set_alpn_protocols(["http/1.1"])
    if client_ca:
        ctx.load_verify_locations(client_ca)
        ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def write_port_file(path, port):
    tmp = "%s.tmp.%d" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.replace(tmp, path)


async def start_server(mock, port, ssl_ctx):
    loop = asyncio.get_running_loop()
    mock.loop = loop
    server = await loop.create_server(lambda: HttpConn(mock), "127.0.0.1", port,
                                      ssl=ssl_ctx, reuse_address=True, backlog=1024)
    return server, server.sockets[0].getsockname()[1]


def quiet_exceptions(mock):
    def handler(loop, context):
        exc = context.get("exception")
        if isinstance(exc, (ssl.SSLError, ConnectionError, OSError)):
            return     # failed handshakes, resets: expected in tests
        if not mock.quiet:
            loop.default_exception_handler(context)
    return handler


def raise_fd_limit():
    """Many concurrent client connections need many descriptors."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = hard if hard != resource.RLIM_INFINITY else 65536
        if soft != resource.RLIM_INFINITY and soft < want:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, 65536), hard))
    except (ValueError, OSError):
        pass


async def serve(args):
    raise_fd_limit()
    mock = Mock(bearer=args.bearer, hmac_secret=args.hmac_secret, quiet=args.quiet)
    mock.keep_bodies = not args.no_portal_bodies
    ssl_ctx = None
    if args.tls_cert or args.tls_key:
        if not (args.tls_cert and args.tls_key):
            sys.exit("mock_national: --tls-cert and --tls-key go together")
        ssl_ctx = make_ssl(args.tls_cert, args.tls_key, args.client_ca)
    elif args.client_ca:
        sys.exit("mock_national: --client-ca needs --tls-cert and --tls-key")
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(quiet_exceptions(mock))
    server, port = await start_server(mock, args.port, ssl_ctx)
    write_port_file(args.port_file, port)
    mock.log("listening on %s://127.0.0.1:%d (ttl %gs)" % ("https" if ssl_ctx else "http", port, args.ttl))
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if args.ttl > 0:
        loop.call_later(args.ttl, stop.set)
    ppid = args.ppid

    def gone():
        if args.watch_pid:
            try:
                os.kill(args.watch_pid, 0)
                return False
            except ProcessLookupError:
                return True
            except PermissionError:      # alive, another user's
                return False
        return os.getppid() != ppid

    def watch_parent():
        if gone():
            mock.log("process %d gone, exiting" % (args.watch_pid or ppid))
            stop.set()
        else:
            loop.call_later(1.0, watch_parent)
    loop.call_later(1.0, watch_parent)
    await stop.wait()
    server.close()
    mock.log("exiting")


# -- self benchmark ----------------------------------------------------------

class BenchClient(asyncio.Protocol):
    def __init__(self, reqs, state, idx):
        self.reqs = reqs
        self.state = state
        self.i = idx
        self.buf = b""
        self.tr = None

    def connection_made(self, tr):
        self.tr = tr
        tr.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.send()

    def send(self):
        self.i = (self.i + 1) % len(self.reqs)
        self.tr.write(self.reqs[self.i])

    def data_received(self, data):
        buf = self.buf + data if self.buf else data
        while True:
            i = buf.find(b"\r\n\r\n")
            if i < 0:
                break
            j = buf.find(b"Content-Length: ", 0, i)
            n = int(buf[j + 16:buf.find(b"\r\n", j)])
            end = i + 4 + n
            if len(buf) < end:
                break
            if buf[9:12] != b"200":
                self.state["errors"] += 1
            buf = buf[end:]
            self.state["done"] += 1
            if self.state["running"]:
                self.send()
        self.buf = buf


async def bench_client(port, seconds, nconn):
    loop = asyncio.get_running_loop()
    reqs = []
    for i in range(1000):
        if i == 404:      # a key ending in 404 is answered 404
            continue
        src = SOURCES[i % 3]
        reqs.append(b"GET /%s/records/0010990%05d HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n"
                    % (src.encode(), i))
    state = {"done": 0, "errors": 0, "running": True}
    conns = []
    for c in range(nconn):
        tr, _ = await loop.create_connection(lambda c=c: BenchClient(reqs, state, c * 31), "127.0.0.1", port)
        conns.append(tr)
    await asyncio.sleep(min(0.5, seconds / 4))     # warm-up
    d0, t0 = state["done"], time.perf_counter()
    await asyncio.sleep(seconds)
    d1, t1 = state["done"], time.perf_counter()
    state["running"] = False
    for tr in conns:
        tr.close()
    return (d1 - d0) / (t1 - t0), state["errors"]


async def self_bench(seconds, nconn):
    mock = Mock(quiet=True)
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(quiet_exceptions(mock))
    server, port = await start_server(mock, 0, None)
    # The client runs in a child process so that it does not share the
    # server's interpreter (GIL): the figure is the server's own capacity.
    proc = await asyncio.create_subprocess_exec(
        sys.executable, os.path.abspath(__file__), "--bench-client", str(port),
        "--bench-seconds", str(seconds), "--bench-connections", str(nconn),
        stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    server.close()
    rate, errors = json.loads(out)
    print("mock capacity: %d requests/s" % rate)
    if errors:
        print("mock self-bench: %d non-200 responses" % errors, file=sys.stderr)
    return 0 if proc.returncode == 0 and not errors else 1


def main(argv=None):
    ppid = os.getppid()      # as early as possible: the parent may exit soon
    ap = argparse.ArgumentParser(description="Mock of Vietnam's national databases and portal")
    ap.add_argument("--port-file")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    ap.add_argument("--client-ca")
    ap.add_argument("--ttl", type=float, default=600)
    ap.add_argument("--bearer")
    ap.add_argument("--hmac-secret")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--no-portal-bodies", action="store_true",
                    help="keep only each record's seqs, not its body (a year of a province: make demo)")
    ap.add_argument("--watch-pid", type=int, metavar="PID",
                    help="live as long as PID does instead of the parent (make demo: the cluster's postmaster)")
    ap.add_argument("--self-bench", "--bench-self", type=float, metavar="SECONDS",
                    help="start the server in-process and measure its capacity")
    ap.add_argument("--bench-connections", type=int, default=32, help=argparse.SUPPRESS)
    ap.add_argument("--bench-client", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--bench-seconds", type=float, default=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.ppid = ppid
    if args.bench_client:
        rate, errors = asyncio.run(bench_client(args.bench_client, args.bench_seconds, args.bench_connections))
        print(json.dumps([rate, errors]))
        return 0
    if args.self_bench:
        return asyncio.run(self_bench(args.self_bench, args.bench_connections))
    if not args.port_file:
        ap.error("--port-file is required")
    try:
        asyncio.run(serve(args))
    except OSError as e:
        print("mock_national: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
