#!/usr/bin/env bash
# Self-test of tools/mock_national.py, the mock of the national databases
# and national portal (TAP output). Needs python3, curl and openssl; starts
# its own mocks on free ports of 127.0.0.1 and stops them on exit.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/tests/lib/tap.sh"
MOCK=$root/tools/mock_national.py
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# start NAME ARGS...: starts a mock in the background (a child of this
# shell, so it also stops when the test dies) and sets $port.
start() {
	local name=$1
	shift
	python3 "$MOCK" --port-file "$tmp/$name.port" --ttl 60 --quiet "$@" 2>"$tmp/$name.log" &
	pids+=($!)
	for _ in $(seq 100); do
		[ -s "$tmp/$name.port" ] && break
		sleep 0.05
	done
	port=$(cat "$tmp/$name.port" 2>/dev/null)
}
# j EXPR: evaluates a Python expression over the JSON document d read from stdin
# (a tuple prints space-separated)
j() {
	python3 -c 'import json, sys
d = json.load(sys.stdin)
r = eval(sys.argv[1])
print(" ".join(map(str, r)) if isinstance(r, tuple) else r)' "$1" 2>/dev/null
}
# st URL [curl args]: HTTP status of a request
st() { local u=$1; shift; curl -s -o /dev/null -w '%{http_code}' "$@" "$u"; }
post() { curl -s -X POST -H 'Content-Type: application/json' --data-binary "$2" "$base$1"; }

# --ttl 2: started first, checked at the end
python3 "$MOCK" --port-file "$tmp/ttl.port" --ttl 2 --quiet &
ttl_pid=$!
pids+=($ttl_pid)
# parent death: a shell starts a mock, waits until it listens, and exits
bash -c 'python3 "$1" --port-file "$2" --ttl 60 --quiet & echo $! >"$3"
	for _ in $(seq 100); do [ -s "$2" ] && break; sleep 0.05; done' _ "$MOCK" "$tmp/orphan.port" "$tmp/orphan.pid"
orphan_pid=$(cat "$tmp/orphan.pid")

# ---------------------------------------------------------------- plain HTTP
start http
base=http://127.0.0.1:$port
check "port file written" yes "$( [[ $port =~ ^[0-9]+$ ]] && echo yes || echo "no: '$port'")"
check "health" True "$(curl -s "$base/_admin/health" | j 'd["ok"]')"

r1=$(curl -s "$base/population/records/001099012345")
r2=$(curl -s "$base/population/records/001099012345")
check "record deterministic" "$(echo "$r1" | j 'd["record"]')" "$(echo "$r2" | j 'd["record"]')"
check "population record fields" "001099012345 1999 male population" \
	"$(echo "$r1" | j '" ".join([d["record"]["id_number"], d["record"]["birth_date"][:4], d["record"]["sex"], d["source"]])')"
check "record names have diacritics" True \
	"$(echo "$r1" | j 'any(ord(c) > 127 for c in d["record"]["full_name"]) and any(ord(c) > 127 for c in d["record"]["permanent_address"])')"
check "as_of is ISO 8601 UTC" yes "$(echo "$r1" | j 'd["as_of"]' | grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$' && echo yes)"
check "enterprise record" "active True" "$(curl -s "$base/enterprise/records/0100109106" | j 'd["record"]["status"] + " " + str(bool(d["record"]["legal_representative"]))')"
check "social insurance record" "paying 0123456789" "$(curl -s "$base/social_insurance/records/0123456789" | j 'd["record"]["status"] + " " + d["record"]["insurance_number"]')"
check "land, civil_status, tax records" "200 200 200" \
	"$(st "$base/land/records/L1") $(st "$base/civil_status/records/C1") $(st "$base/tax/records/0100109106")"
check "content type json" yes "$(curl -s -D - -o /dev/null "$base/tax/records/1" | grep -qi '^content-type: application/json' && echo yes)"
check "key ending 404 is not found" "404 not_found" \
	"$(curl -s -w ' %{http_code}' "$base/population/records/001099000404" | { read -r b c; echo "$c $(echo "$b" | j 'd["error"]')"; })"
check "unknown endpoint" "404 no_such_endpoint" \
	"$(curl -s -w ' %{http_code}' "$base/nowhere/x" | { read -r b c; echo "$c $(echo "$b" | j 'd["error"]')"; })"
bad=$(exec 3<>"/dev/tcp/127.0.0.1/$port"; printf 'NONSENSE\r\n\r\n' >&3; head -c 12 <&3)
check "malformed request line is 400" "HTTP/1.1 400" "$bad"

# keep-alive: two requests on one connection
check "keep-alive reuses the connection" 1 \
	"$(curl -s -v "$base/tax/records/1" "$base/tax/records/2" 2>&1 >/dev/null | grep -c 'Re-using existing connection')"

# ---------------------------------------------------------------- faults
fault() { post /_admin/faults "$1" >/dev/null; }
fault '[{"match": "/population/", "fault": "500"}]'
check "fault 500" 500 "$(st "$base/population/records/1")"
check "fault only where it matches" 200 "$(st "$base/enterprise/records/1")"
check "admin is never faulted" 200 "$(st "$base/_admin/health")"
fault '[{"match": "/population/", "fault": "429", "retry_after": 7}]'
hdr=$(curl -s -D - -o /dev/null "$base/population/records/1")
check "fault 429 with Retry-After" "429 7" "$(echo "$hdr" | awk 'NR==1{s=$2} tolower($1)=="retry-after:"{r=$2} END{print s, r}' | tr -d '\r')"
fault '[{"match": "/population/", "fault": "502"}, {"match": "/enterprise/", "fault": "503"}]'
check "faults 502 and 503" "502 503" "$(st "$base/population/records/1") $(st "$base/enterprise/records/1")"
fault '[{"match": "/population/", "fault": "reset"}]'
curl -s -o /dev/null "$base/population/records/1"
rc=$?
check "fault reset: curl exit 52 or 56" yes "$( [ $rc = 52 ] || [ $rc = 56 ] && echo yes || echo "no: $rc")"
fault '[{"match": "/population/", "fault": "malformed"}]'
body=$(curl -s -w '\n%{http_code}' "$base/population/records/1")
check "fault malformed: 200" 200 "$(echo "$body" | tail -1)"
check "fault malformed: body is not JSON" 1 "$(echo "$body" | head -1 | python3 -c 'import json,sys; json.loads(sys.stdin.read())' 2>/dev/null; echo $?)"
fault '[{"match": "/population/", "fault": "oversized", "size": 300000}]'
check "fault oversized: size" "200 300000" "$(curl -s -o "$tmp/big" -w '%{http_code} %{size_download}' "$base/population/records/1")"
check "fault oversized: valid JSON" 300000 "$(j 'len(d["padding"]) + 14' <"$tmp/big")"
fault '[{"match": "/population/", "fault": "oversized"}]'
check "fault oversized: default 2 MiB" 2097152 "$(curl -s -o /dev/null -w '%{size_download}' "$base/population/records/1")"
fault '[{"match": "/population/", "fault": "drip"}]'
curl -s -D "$tmp/drip.h" -o "$tmp/drip.b" --max-time 1 "$base/population/records/1"
rc=$?
check "fault drip: headers sent, body times out" "28 200" "$rc $(head -1 "$tmp/drip.h" | awk '{print $2}')"
check "fault drip: a few bytes came" yes "$(n=$(wc -c <"$tmp/drip.b"); [ "$n" -ge 2 ] && [ "$n" -le 6 ] && echo yes || echo "no: $n")"
fault '[{"match": "/population/", "fault": "drip", "size": 5}]'
check "fault drip with size 5 completes in about 1 s" "200 5 yes" \
	"$(curl -s -o "$tmp/drip.b" -w '%{http_code} %{size_download} %{time_total}' "$base/population/records/1" | awk '{print $1, $2, ($3 >= 0.9 ? "yes" : "no: " $3)}')"
check "fault drip with size: valid JSON" "{}" "$(j 'd' <"$tmp/drip.b")"
fault '[{"match": "/population/", "fault": "delay", "delay_ms": 600}]'
check "fault delay" yes \
	"$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$base/population/records/1" | awk '$1 == 200 && $2 >= 0.6 {print "yes"}')"
fault '[{"match": "/population/", "fault": "hang"}]'
curl -s -o /dev/null --max-time 0.5 "$base/population/records/1"
check "fault hang: no answer" 28 "$?"
fault '[{"match": "/population/", "fault": "404"}, {"match": "/enterprise/", "fault": "401"}]'
check "faults 404 and 401" "404 401" "$(st "$base/population/records/1") $(st "$base/enterprise/records/1")"
fault '[{"match": "/population/", "fault": "503", "times": 2}, {"match": "/population/", "fault": "500", "times": 1}]'
check "fault times decrements, then next rule, then none" "503 503 500 200" \
	"$(st "$base/population/records/1") $(st "$base/population/records/1") $(st "$base/population/records/1") $(st "$base/population/records/1")"
check "fault times left" "0 0" "$(curl -s "$base/_admin/faults" | j '" ".join(str(r["times"]) for r in d)')"
fault '[{"match": "", "fault": "500"}]'
curl -s -X DELETE "$base/_admin/faults" >/dev/null
check "DELETE clears the faults" 200 "$(st "$base/population/records/1")"
check "bad fault rule refused" 400 "$(st "$base/_admin/faults" -X POST --data-binary '[{"fault": "explode"}]')"
check "a probability outside (0, 1] refused" 400 "$(st "$base/_admin/faults" -X POST --data-binary '[{"fault": "500", "probability": 0}]')"
# a rule with a probability takes about that share of its requests, and counts them
fault '[{"match": "/tax/records/", "fault": "503", "probability": 0.25}]'
fails=0
for i in $(seq 100 299); do [ "$(st "$base/tax/records/0100109$i")" = 503 ] && fails=$((fails + 1)); done
check "a rule of probability 0.25 failed between 30 and 70 of 200 requests, and counted them" "t|$fails" \
	"$([ $fails -ge 30 ] && [ $fails -le 70 ] && echo t)|$(curl -s "$base/_admin/faults" | j 'str(d[0]["hits"])')"
curl -s -X DELETE "$base/_admin/faults" >/dev/null

# ---------------------------------------------------------------- stats
post /_admin/reset_stats '' >/dev/null
fault '[{"match": "/tax/", "fault": "delay", "delay_ms": 700}]'
cp=()
for i in 1 2 3 4 5; do curl -s -o /dev/null "$base/tax/records/$i" & cp+=($!); done
sleep 0.35
mid=$(curl -s "$base/_admin/stats")
wait "${cp[@]}"
s=$(curl -s "$base/_admin/stats")
check "stats in_flight while delayed" "5 yes" "$(echo "$mid" | j 'str(d["in_flight"]) + " " + str(d["connections"] >= 6 and "yes")')"
check "stats max_in_flight, requests, statuses" "5 5 5 5 0" \
	"$(echo "$s" | j 'd["max_in_flight"], d["requests"], d["by_status"]["200"], d["by_path_prefix"]["/tax"], d["in_flight"]')"
check "stats max_connections" yes "$(echo "$s" | j 'd["max_connections"] >= 6 and "yes"')"
curl -s -X DELETE "$base/_admin/faults" >/dev/null
post /_admin/reset_stats '' >/dev/null
check "reset_stats zeroes counters" "0 {} 0" "$(curl -s "$base/_admin/stats" | j 'd["requests"], d["by_status"], d["max_in_flight"]')"

# ---------------------------------------------------------------- change feed
addr0=$(curl -s "$base/enterprise/records/0100000001" | j 'd["record"]["address"]')
e1=$(post /_admin/feed '{"source": "enterprise", "key": "0100000001", "change": "moved"}')
post /_admin/feed '{"source": "enterprise", "key": "0100000002", "change": "dissolved"}' >/dev/null
post /_admin/feed '{"source": "enterprise", "key": "0100000003", "change": "updated"}' >/dev/null
post /_admin/feed '{"source": "land", "key": "L7", "change": "revoked"}' >/dev/null
check "feed event returned" "1 moved" "$(echo "$e1" | j 'd["seq"], d["change"]')"
check "changes page 1" "2 1,2 moved,dissolved" \
	"$(curl -s "$base/enterprise/changes?after=0&limit=2" | j 'd["cursor"] + " " + ",".join(str(c["seq"]) for c in d["changes"]) + " " + ",".join(c["change"] for c in d["changes"])')"
check "changes page 2" "3 3 0100000003" \
	"$(curl -s "$base/enterprise/changes?after=2&limit=2" | j 'd["cursor"] + " " + ",".join(str(c["seq"]) for c in d["changes"]) + " " + d["changes"][0]["key"]')"
check "changes past the end keep the cursor" "3 0" "$(curl -s "$base/enterprise/changes?after=3" | j 'd["cursor"] + " " + str(len(d["changes"]))')"
check "changes per source" "1 revoked 0" \
	"$(curl -s "$base/land/changes" | j 'd["cursor"] + " " + d["changes"][0]["record"]["status"]') $(curl -s "$base/tax/changes" | j 'len(d["changes"])')"
check "dissolved record" dissolved "$(curl -s "$base/enterprise/records/0100000002" | j 'd["record"]["status"]')"
check "moved record has a new address" yes \
	"$(a=$(curl -s "$base/enterprise/records/0100000001" | j 'd["record"]["address"]'); [ -n "$a" ] && [ "$a" != "$addr0" ] && echo yes)"
check "bad feed change refused" 400 "$(st "$base/_admin/feed" -X POST --data-binary '{"source": "land", "key": "x", "change": "exploded"}')"

# ---------------------------------------------------------------- portal
pst() { curl -s -w ' %{http_code}' -X POST --data-binary "$2" "$base/portal/$1"; }
check "portal reception accepted" '{"error_code":0} 200' "$(pst DongBoHoSoMC '{"MaHoSo": "H29-1", "seq": 1}')"
check "portal repeat is a duplicate" "200 0 True" \
	"$(pst DongBoHoSoMC '{"MaHoSo": "H29-1", "seq": 1}' | { read -r b c; echo "$c $(echo "$b" | j 'd["error_code"], d["duplicate"]')"; })"
check "portal update out of order" "409 2 out_of_order 2" \
	"$(pst CapNhatTienDoHoSoMC '{"MaHoSo": "H29-1", "seq": 3}' | { read -r b c; echo "$c $(echo "$b" | j 'd["error_code"], d["error"], d["expected"]')"; })"
check "portal update accepted" '{"error_code":0} 200' "$(pst CapNhatTienDoHoSoMC '{"MaHoSo": "H29-1", "seq": 2, "TrangThaiHoSo": 4}')"
check "portal update of an unknown dossier" "409 1 unknown_dossier" \
	"$(pst CapNhatTienDoHoSoMC '{"MaHoSo": "H29-9", "seq": 1}' | { read -r b c; echo "$c $(echo "$b" | j 'd["error_code"], d["error"]')"; })"
check "portal reception must be seq 1" "409 1" \
	"$(pst DongBoHoSoMC '{"MaHoSo": "H29-2", "seq": 2}' | { read -r b c; echo "$c $(echo "$b" | j 'd["expected"]')"; })"
# a record that covers several events (one transaction's): first_seq .. seq
check "portal update covering events 3 to 5 accepted" '{"error_code":0} 200' \
	"$(pst CapNhatTienDoHoSoMC '{"MaHoSo": "H29-1", "first_seq": 3, "seq": 5}')"
check "portal repeat of a covered range is a duplicate" "200 0 True" \
	"$(pst CapNhatTienDoHoSoMC '{"MaHoSo": "H29-1", "first_seq": 3, "seq": 5}' | { read -r b c; echo "$c $(echo "$b" | j 'd["error_code"], d["duplicate"]')"; })"
check "portal range that skips an event is out of order" "409 out_of_order 6" \
	"$(pst CapNhatTienDoHoSoMC '{"MaHoSo": "H29-1", "first_seq": 7, "seq": 8}' | { read -r b c; echo "$c $(echo "$b" | j 'd["error"], d["expected"]')"; })"
check "portal range that ends before it starts is refused" "400 bad_request" \
	"$(pst CapNhatTienDoHoSoMC '{"MaHoSo": "H29-1", "first_seq": 7, "seq": 6}' | { read -r b c; echo "$c $(echo "$b" | j 'd["error"]')"; })"
check "portal log in stats: every event covered, once" "[1, 2, 3, 4, 5] False" "$(curl -s "$base/_admin/stats" | j 'str(d["portal"]["H29-1"]) + " " + str("H29-2" in d["portal"])')"

# ---------------------------------------------------------------- catalogue
cat0=$(curl -s "$base/procedure_catalogue/procedures")
code=$(echo "$cat0" | j 'd["procedures"][3]["code"]')
check "catalogue has ~20 procedures" yes "$(echo "$cat0" | j 'len(d["procedures"]) >= 15 and all(p["version"] == 1 for p in d["procedures"]) and "yes"')"
since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
check "catalogue since now is empty" 0 "$(curl -s "$base/procedure_catalogue/procedures?since=$since" | j 'len(d["procedures"])')"
post /_admin/catalogue "{\"code\": \"$code\", \"fee\": 123000, \"duration_days\": 4}" >/dev/null
check "catalogue change bumps the version" "1 $code 2 123000 4" \
	"$(curl -s "$base/procedure_catalogue/procedures?since=$since" | j 'len(d["procedures"]), d["procedures"][0]["code"], d["procedures"][0]["version"], d["procedures"][0]["fee"], d["procedures"][0]["duration_days"]')"

# ---------------------------------------------------------------- bearer
start bearer --bearer s3cret
base=http://127.0.0.1:$port
check "bearer: 401 without" "401 unauthorized" \
	"$(curl -s -w ' %{http_code}' "$base/population/records/1" | { read -r b c; echo "$c $(echo "$b" | j 'd["error"]')"; })"
check "bearer: 401 with a wrong token" 401 "$(st "$base/population/records/1" -H 'Authorization: Bearer nope')"
check "bearer: 200 with the token" 200 "$(st "$base/population/records/1" -H 'Authorization: Bearer s3cret')"
check "bearer: admin needs none" 200 "$(st "$base/_admin/health")"

# ---------------------------------------------------------------- HMAC
secret=hm4c-key
start hmac --hmac-secret "$secret"
base=http://127.0.0.1:$port
# sign METHOD PATH BODY [TIMESTAMP]: prints the curl header arguments
sign() {
	local ts=${4:-$(date +%s)} bh sig
	bh=$(printf '%s' "$3" | openssl dgst -sha256 -r | cut -d' ' -f1)
	sig=$(printf '%s\n%s\n%s\n%s' "$1" "$2" "$ts" "$bh" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)
	printf '%s\n' -H "X-Motcua-Timestamp: $ts" -H "X-Motcua-Signature: $sig"
}
mapfile -t h < <(sign GET '/population/records/7?x=1' '')
check "hmac: good signature" 200 "$(st "$base/population/records/7?x=1" "${h[@]}")"
check "hmac: missing signature" "401 bad_signature" \
	"$(curl -s -w ' %{http_code}' "$base/population/records/7" | { read -r b c; echo "$c $(echo "$b" | j 'd["error"]')"; })"
check "hmac: signature of another path" "401 bad_signature" \
	"$(curl -s -w ' %{http_code}' "${h[@]}" "$base/population/records/8?x=1" | { read -r b c; echo "$c $(echo "$b" | j 'd["error"]')"; })"
mapfile -t h < <(sign GET /population/records/7 '' $(( $(date +%s) - 400 )))
check "hmac: stale timestamp" "401 stale_timestamp" \
	"$(curl -s -w ' %{http_code}' "${h[@]}" "$base/population/records/7" | { read -r b c; echo "$c $(echo "$b" | j 'd["error"]')"; })"
doc='{"MaHoSo": "H29-7", "seq": 1}'
mapfile -t h < <(sign POST /portal/DongBoHoSoMC "$doc")
check "hmac: signed POST body" 200 "$(st "$base/portal/DongBoHoSoMC" -X POST --data-binary "$doc" "${h[@]}")"
check "hmac: tampered POST body" 401 "$(st "$base/portal/DongBoHoSoMC" -X POST --data-binary '{"MaHoSo": "H29-8", "seq": 1}' "${h[@]}")"

# ---------------------------------------------------------------- TLS
ossl() { openssl "$@" >/dev/null 2>&1 || echo "# openssl $1 failed" >&2; }
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
ossl req -x509 "${ec[@]}" -keyout "$tmp/ca.key" -out "$tmp/ca.crt" -days 2 -subj /CN=motcua-test-ca \
	-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
ossl req "${ec[@]}" -keyout "$tmp/srv.key" -out "$tmp/srv.csr" -subj /CN=localhost
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$tmp/srv.ext"
ossl x509 -req -in "$tmp/srv.csr" -CA "$tmp/ca.crt" -CAkey "$tmp/ca.key" -CAcreateserial -days 2 -out "$tmp/srv.crt" -extfile "$tmp/srv.ext"
ossl req "${ec[@]}" -keyout "$tmp/cli.key" -out "$tmp/cli.csr" -subj /CN=motcua-worker
printf 'extendedKeyUsage=clientAuth\n' >"$tmp/cli.ext"
ossl x509 -req -in "$tmp/cli.csr" -CA "$tmp/ca.crt" -CAkey "$tmp/ca.key" -CAcreateserial -days 2 -out "$tmp/cli.crt" -extfile "$tmp/cli.ext"

start tls --tls-cert "$tmp/srv.crt" --tls-key "$tmp/srv.key"
base=https://127.0.0.1:$port
check "https with the CA" 200 "$(st "$base/population/records/1" --cacert "$tmp/ca.crt")"
curl -s -o /dev/null "$base/population/records/1"
check "https without the CA fails (60)" 60 "$?"

start mtls --tls-cert "$tmp/srv.crt" --tls-key "$tmp/srv.key" --client-ca "$tmp/ca.crt" --bearer tok
base=https://127.0.0.1:$port
check "mutual TLS with a client certificate (and bearer)" 200 \
	"$(st "$base/population/records/1" --cacert "$tmp/ca.crt" --cert "$tmp/cli.crt" --key "$tmp/cli.key" -H 'Authorization: Bearer tok')"
curl -s -o /dev/null --cacert "$tmp/ca.crt" -H 'Authorization: Bearer tok' "$base/population/records/1"
rc=$?
check "mutual TLS refuses a client without certificate" yes "$( [ $rc != 0 ] && echo yes || echo "no: curl exit $rc")"

# ---------------------------------------------------------------- life cycle
for _ in $(seq 40); do kill -0 "$ttl_pid" 2>/dev/null || break; sleep 0.1; done
check "--ttl 2 wrote its port file and exited by itself" "yes gone" \
	"$( [ -s "$tmp/ttl.port" ] && echo yes) $(kill -0 "$ttl_pid" 2>/dev/null && echo running || echo gone)"
for _ in $(seq 30); do kill -0 "$orphan_pid" 2>/dev/null || break; sleep 0.1; done
check "exits when its parent dies" "yes gone" "$( [ -s "$tmp/orphan.port" ] && echo yes) $(kill -0 "$orphan_pid" 2>/dev/null && { kill "$orphan_pid"; echo running; } || echo gone)"

tap_done
