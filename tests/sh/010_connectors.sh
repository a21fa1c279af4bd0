#!/usr/bin/env bash
# The national-database connector against the mock national services on
# loopback (tools/mock_national.py), TAP output: lookups woken at commit,
# each fault ending in its terminal state, retries with Retry-After, the
# circuit breaker, HTTPS with a test CA and an untrusted certificate,
# bearer and HMAC credentials kept out of every log and view, bad source
# settings refused, the personal-data access log, and a crash test: the
# connector killed (kill -9) five times while 10,000 lookups are in
# flight, every lookup ending exactly once.
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK_DIR"
chmod 755 "$WORK_DIR"
. "$here/../lib/tap.sh"
db=conn_test
. "$here/../lib/national.sh"
# lookup SOURCE KEY: ask for a lookup and wait (up to 20 s) for its end;
# prints status|failure|attempts
lookup() {
	local id
	id=$(q "SELECT motcua.request_lookup('$1', '$2')")
	wait_for "SELECT status IN ('succeeded', 'failed') FROM motcua.lookup_request WHERE id = $id" 20
	q "SELECT concat_ws('|', status, coalesce(failure, ''), attempts) FROM motcua.lookup_request WHERE id = $id"
}
requests_for() { admin GET stats | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["requests"])'; }

mock plain
PORT=$mock_port
new_database
# (the launcher may read the reloaded motcua.scheduler_enabled after the
# database's CREATE EXTENSION: then it starts the scheduler at its next look)
check "the database's scheduler runs" "t" \
	"$(within "SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'motcua scheduler' AND datname = '$db'" 20)"
# (and the cluster's other databases, whose schedulers the setting woke
# too, are done with their first runs: worker slots are free again)
wait_for "SELECT count(*) = 0 FROM pg_stat_activity WHERE backend_type = 'motcua job'" 60
# the lookups and the portal deliveries start at commit, the feed when
# asked for: not by the clock
q "SELECT motcua.alter_job(j, schedule => '0 0 1 1 *') FROM unnest('{national_lookup,national_feed,portal_sync}'::text[]) j" >/dev/null

# --- bad settings: 22023 naming the setting, nothing written ---------------
check "an unknown source kind is refused (22023)" "22023" \
	"$(sqlstate "SELECT motcua.configure_source('population', '{\"kind\": \"astrology\"}')")"
check "a malformed endpoint is refused (22023)" "22023" \
	"$(sqlstate "SELECT motcua.configure_source('population', '{\"kind\": \"population\", \"endpoint\": \"http://user:pw@x/?a=b\"}')")"
check "a negative timeout is refused (22023)" "22023" \
	"$(sqlstate "SELECT motcua.configure_source('population', '{\"connect_timeout\": \"-5 seconds\"}')")"
check "an unknown setting is refused (22023)" "22023" \
	"$(sqlstate "SELECT motcua.configure_source('population', '{\"colour\": \"red\"}')")"
check "and nothing of them was written" "0" "$(q "SELECT count(*) FROM motcua.national_source WHERE kind IS NOT NULL")"

q "SELECT motcua.configure_source('population', '{\"kind\": \"population\", \"endpoint\": \"http://127.0.0.1:$PORT/population\",
	\"max_attempts\": 3, \"total_timeout\": \"2 seconds\", \"connect_timeout\": \"1 second\", \"max_response_bytes\": 65536,
	\"breaker_threshold\": 50, \"enabled\": true}')" >/dev/null
check "an unknown secret is refused (22023)" "22023" \
	"$(sqlstate "SELECT motcua.set_source_secret('population', 'password', 'x')")"
check "a secret of an unconfigured source is refused (22023)" "22023" \
	"$(sqlstate "SELECT motcua.set_source_secret('land', 'bearer_token', 'x')")"

# --- woken at commit; the record stored; the access logged -----------------
start=$(date +%s%N)
check "a lookup is answered, woken at commit (no schedule is due)" "succeeded||1" "$(lookup population 001099012345)"
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
check "within 3 s of its commit" "t" "$([ $elapsed -lt 3000 ] && echo t)"
check "the record is stored for reuse_check, with the mock's fields" "t" \
	"$(q "SELECT record ? 'full_name' AND record->>'id_number' = '001099012345' FROM motcua.national_record n JOIN motcua.subject s ON s.id = n.subject WHERE s.personal_id::text = '001099012345'")"
check "data_access_log shows the look-up, who asked and why" "population|postgres|dossier processing|succeeded" \
	"$(q "SELECT concat_ws('|', source, requested_by, purpose, outcome) FROM motcua.data_access_log('001099012345')")"

# --- logged in as the roles: the administrator configures, officers ask ------
# for their own unit's dossiers, the auditor watches
logins conn_admin=motcua_admin conn_officer_a=motcua_officer conn_officer_b=motcua_officer conn_auditor=motcua_auditor
UA=$(q "SELECT id FROM motcua.unit WHERE receives_dossiers ORDER BY id LIMIT 1")
UB=$(q "SELECT id FROM motcua.unit WHERE receives_dossiers ORDER BY id OFFSET 1 LIMIT 1")
as conn_admin "SELECT motcua.assign_staff('conn_officer_a', '$UA', 'front_desk')" >/dev/null
as conn_admin "SELECT motcua.assign_staff('conn_officer_b', '$UB', 'front_desk')" >/dev/null
check "the administrator, logged in, sets a source's limits" "" \
	"$(as conn_admin "SELECT motcua.configure_source('population', '{\"max_concurrency\": 32}')")"
check "an officer may not configure a source (42501)" "ERROR 42501" \
	"$(as conn_officer_a "SELECT motcua.configure_source('population', '{\"enabled\": false}')")"
dA=$(as conn_officer_a "SELECT motcua.receive('9.900010', '001099000951', '$UA', 'direct')")
check "the reception itself asked the population database, for its dossier, woken at commit" "t" \
	"$(within "SELECT count(*) = 1 FROM motcua.data_access WHERE dossier = '$dA' AND purpose = 'reception of the dossier' AND outcome = 'succeeded'" 10)"
check "officer A looks up the applicant of a dossier of A's unit" "t" \
	"$(as conn_officer_a "SELECT motcua.request_lookup('population', '001099000951', '$dA', 'kiểm tra nhân thân người nộp') > 0")"
check "officer B, of another unit, may not look up for that dossier (42501)" "ERROR 42501" \
	"$(as conn_officer_b "SELECT motcua.request_lookup('population', '001099000951', '$dA')")"
wait_for "SELECT count(*) = 2 FROM motcua.data_access a JOIN motcua.subject s ON s.id = a.subject WHERE s.personal_id::text = '001099000951'" 10
check "the citizen is shown who asked, from which unit, for which dossier and why" \
	"conn_officer_a|$UA|$dA|reception of the dossier|succeeded conn_officer_a|$UA|$dA|kiểm tra nhân thân người nộp|succeeded" \
	"$(as conn_officer_a "SELECT string_agg(concat_ws('|', requested_by, unit, dossier, purpose, outcome), ' ') FROM motcua.data_access_log('001099000951')")"
check "the auditor reads the sources' health and the access log" "t" \
	"$(as conn_auditor "SELECT (SELECT count(*) FROM motcua.source_health) > 0 AND (SELECT count(*) FROM motcua.data_access) > 0")"
check "but not the secrets (42501)" "ERROR 42501" "$(as conn_auditor "SELECT * FROM motcua_internal.national_source_secret")"

# --- each fault ends in its terminal state -----------------------------------
admin POST faults '[{"match": "/records/001099000501", "fault": "500"},
	{"match": "/records/001099000502", "fault": "429", "retry_after": 1, "times": 1},
	{"match": "/records/001099000503", "fault": "reset"},
	{"match": "/records/001099000504", "fault": "malformed"},
	{"match": "/records/001099000509", "fault": "nul_escape"},
	{"match": "/records/001099000505", "fault": "oversized", "size": 200000},
	{"match": "/records/001099000506", "fault": "hang"},
	{"match": "/records/001099000507", "fault": "drip", "size": 100},
	{"match": "/records/001099000508", "fault": "503", "times": 2}]' >/dev/null
check "not found (404): failed, not_found, asked once" "failed|not_found|1" "$(lookup population 001099000404)"
check "a 500 every time: failed, http_5xx after max_attempts (3)" "failed|http_5xx|3" "$(lookup population 001099000501)"
start=$(date +%s%N)
check "a 429 with Retry-After 1, then an answer: succeeded on the second attempt" "succeeded||2" "$(lookup population 001099000502)"
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
check "having waited the Retry-After second" "t" "$([ $elapsed -ge 1000 ] && echo t)"
check "a connection reset every time: failed, connection_reset" "failed|connection_reset|3" "$(lookup population 001099000503)"
check "a body that is not JSON: failed, malformed, not retried" "failed|malformed|1" "$(lookup population 001099000504)"
check "JSON that jsonb refuses (\\u0000): failed, malformed, the batch unharmed" "failed|malformed|1" "$(lookup population 001099000509)"
check "a body past max_response_bytes: failed, too_large" "failed|too_large|1" "$(lookup population 001099000505)"
check "a server that never answers: failed, timeout" "failed|timeout|3" "$(lookup population 001099000506)"
check "a slow drip past the total timeout: failed, timeout" "failed|timeout|3" "$(lookup population 001099000507)"
check "two 503s then an answer: succeeded on the third attempt" "succeeded||3" "$(lookup population 001099000508)"
check "every failure is in data_access with its reason" "connection_reset,http_5xx,malformed,not_found,timeout,too_large" \
	"$(q "SELECT string_agg(DISTINCT outcome, ',' ORDER BY outcome) FROM motcua.data_access WHERE outcome <> 'succeeded'")"
admin DELETE faults >/dev/null

# --- change feeds: a revoked certificate, a move; applied once ---------------
cccd() { q "SELECT status FROM motcua.reuse_check('$1', '1.000894') WHERE component = 'CCCD'"; }
check "before the feed, reuse_check takes the CCCD from the national database" "from_national_db" "$(cccd 001099012345)"
admin POST feed '{"source": "population", "key": "001099012345", "change": "revoked"}' >/dev/null
admin POST feed '{"source": "population", "key": "001099000502", "change": "moved"}' >/dev/null
admin POST feed '{"source": "population", "key": "001099999997", "change": "moved"}' >/dev/null
moved_address=$(curl -s "http://127.0.0.1:$PORT/population/records/001099000502" | python3 -c 'import json,sys; print(json.load(sys.stdin)["record"]["permanent_address"])')
rid=$(q "SELECT motcua.run_job('national_feed')")
wait_for "SELECT status = 'succeeded' FROM motcua.job_runs WHERE run_id = $rid" 10
check "the feed run applies the three changes (one of a person never seen here, skipped)" "3 changes applied from 2 pages" \
	"$(q "SELECT substr(message, 1, 30) FROM motcua.job_runs WHERE run_id = $rid")"
check "a revoked certificate: reuse_check says so at once" "revoked" "$(cccd 001099012345)"
check "a move: the cached record carries the new address" "$moved_address" \
	"$(q "SELECT n.record->>'permanent_address' FROM motcua.national_record n JOIN motcua.subject s ON s.id = n.subject WHERE s.personal_id::text = '001099000502'")"
check "the cursor was kept with the changes" "3|3" "$(q "SELECT cursor || '|' || changes FROM motcua.source_feed WHERE source = 'population'")"
rid=$(q "SELECT motcua.run_job('national_feed')")
wait_for "SELECT status = 'succeeded' FROM motcua.job_runs WHERE run_id = $rid" 10
check "read again, nothing is applied twice" "0 changes applied|3|3" \
	"$(q "SELECT substr(message, 1, 17) || '|' || (SELECT cursor || '|' || changes FROM motcua.source_feed WHERE source = 'population') FROM motcua.job_runs WHERE run_id = $rid")"

# --- the circuit breaker: opens, half-opens, closes -------------------------
# social insurance: 2 failures in a row open it for 1 s, each lookup asks
# once; the mock fails 3 requests, then answers.
q "SELECT motcua.configure_source('social_insurance', '{\"kind\": \"social_insurance\", \"endpoint\": \"http://127.0.0.1:$PORT/social_insurance\",
	\"max_attempts\": 1, \"breaker_threshold\": 2, \"breaker_open\": \"1 second\", \"enabled\": true}')" >/dev/null
admin POST faults '[{"match": "/social_insurance/", "fault": "503", "times": 3}]' >/dev/null
admin POST reset_stats >/dev/null
breaker() { q "SELECT breaker || '|' || failures || '|' || opens FROM motcua.source_health WHERE source = 'social_insurance'"; }
check "a first failure: failed, http_5xx; the breaker still closed" "failed|http_5xx|1 closed|1|0" \
	"$(lookup social_insurance 001099000601) $(breaker)"
check "a second failure in a row opens it" "failed|http_5xx|1 open|2|1" "$(lookup social_insurance 001099000602) $(breaker)"
check "while it is open a lookup fails at once, circuit_open, asking nobody" "failed|circuit_open|0 2" \
	"$(lookup social_insurance 001099000603) $(requests_for)"
sleep 1.1
check "after breaker_open one probe goes out; it fails: open again, one more failure in a row" "failed|http_5xx|1 open|3|2" \
	"$(lookup social_insurance 001099000604) $(breaker)"
sleep 1.1
check "the next probe is answered: succeeded, and the breaker closes" "succeeded||1 closed|0|2" \
	"$(lookup social_insurance 001099000605) $(breaker)"
check "closed, lookups go through again; the source got 5 requests in all" "succeeded||1 5" \
	"$(lookup social_insurance 001099000606) $(requests_for)"
check "source_health keeps the last failure and success" "http_5xx|true" \
	"$(q "SELECT last_failure || '|' || (last_success_at > last_failure_at) FROM motcua.source_health WHERE source = 'social_insurance'")"
# a source that stays down: queued lookups fail fast instead of piling up
q "SELECT motcua.configure_source('social_insurance', '{\"max_attempts\": 3, \"max_concurrency\": 1, \"breaker_threshold\": 1, \"breaker_open\": \"30 seconds\"}')" >/dev/null
admin POST faults '[{"match": "/social_insurance/", "fault": "503"}]' >/dev/null
admin POST reset_stats >/dev/null
q "SELECT count(motcua.request_lookup('social_insurance', '0010990007' || lpad(i::text, 2, '0'))) FROM generate_series(1, 20) i" >/dev/null
wait_for "SELECT count(*) = 20 FROM motcua.lookup_request WHERE key LIKE '0010990007%' AND status = 'failed'" 20
check "a source that stays down: 20 queued lookups all end failed, circuit_open" "20|20" \
	"$(q "SELECT count(*) || '|' || count(*) FILTER (WHERE failure = 'circuit_open') FROM motcua.lookup_request WHERE key LIKE '0010990007%' AND status = 'failed'")"
check "having sent it a single request" "1" "$(requests_for)"
admin DELETE faults >/dev/null

# --- portal sync: in order per dossier, each event once, across a retry -----
q "SELECT motcua.configure_source('portal', '{\"kind\": \"portal\", \"endpoint\": \"http://127.0.0.1:$PORT/portal\",
	\"max_attempts\": 5, \"connect_timeout\": \"1 second\", \"total_timeout\": \"1 second\", \"enabled\": true}')" >/dev/null
UNIT=$(q "SELECT id FROM motcua.unit WHERE receives_dossiers ORDER BY id LIMIT 1")
# dossier DOSSIER: received, accepted and assigned: three events, each its own commit
dossier() {
	local code
	code=$(q "SELECT motcua.receive('9.900010', '$1', '$UNIT', 'direct')")
	q "SELECT motcua.transition('$code', 'accept', 'cb', '{}')" >/dev/null
	q "SELECT motcua.transition('$code', 'assign', 'cb', '{\"officer\": \"cv\"}')" >/dev/null
	echo "$code"
}
portal_seqs() { admin GET stats | python3 -c 'import json,sys; print(",".join(map(str, json.load(sys.stdin)["portal"].get(sys.argv[1], []))))' "$1"; }
d1=$(dossier 001099000901)
wait_for "SELECT count(*) = 3 FROM motcua.portal_outbox WHERE dossier::text = '$d1' AND status = 'delivered'" 15
check "a dossier's three events reach the portal, woken at commit, in order" "1,2,3" "$(portal_seqs "$d1")"
check "the reception as DongBoHoSoMC, the steps as CapNhatTienDoHoSoMC; delivery visible in SQL" \
	"1:DongBoHoSoMC:delivered,2:CapNhatTienDoHoSoMC:delivered,3:CapNhatTienDoHoSoMC:delivered" \
	"$(q "SELECT string_agg(concat_ws(':', seq, method, status), ',' ORDER BY seq) FROM motcua.portal_outbox WHERE dossier::text = '$d1'")"
check "each event carries the dossier as its own transaction left it (TrangThaiHoSo 1, 2, 4), the reception its components" "1,2,4|t" \
	"$(admin GET portal | python3 -c 'import json,sys; docs = json.load(sys.stdin)[sys.argv[1]]; docs.sort(key=lambda x: x["seq"]); print(",".join(str(x["body"]["TrangThaiHoSo"]) for x in docs) + "|" + ("t" if len(docs[0]["body"]["ThanhPhanHoSo"]) > 0 else "f"))' "$d1")"
# the portal takes an update but its answer comes after our timeout: we
# send it again, and the portal has it once
admin POST faults '[{"match": "/portal/CapNhatTienDoHoSoMC", "fault": "delay", "delay_ms": 1500, "times": 1}]' >/dev/null
d2=$(dossier 001099000902)
wait_for "SELECT count(*) = 3 FROM motcua.portal_outbox WHERE dossier::text = '$d2' AND status = 'delivered'" 20
check "an answer lost to a timeout: sent again, the portal holds each event once, in order" "1,2,3" "$(portal_seqs "$d2")"
check "the retried event took two attempts" "1,2,1" \
	"$(q "SELECT string_agg(attempts::text, ',' ORDER BY seq) FROM motcua.portal_outbox WHERE dossier::text = '$d2'")"
# a refusal stops the dossier's later events: they are never sent out of order
admin POST faults '[{"match": "/portal/CapNhatTienDoHoSoMC", "fault": "401", "times": 1}]' >/dev/null
d3=$(dossier 001099000903)
wait_for "SELECT count(*) = 1 FROM motcua.portal_outbox WHERE dossier::text = '$d3' AND status = 'failed'" 15
sleep 1
check "a refused update is failed with its reason; the next event waits behind it" "1:delivered:,2:failed:unauthorized,3:pending:" \
	"$(q "SELECT string_agg(concat_ws(':', seq, status, coalesce(last_error, '')), ',' ORDER BY seq) FROM motcua.portal_outbox WHERE dossier::text = '$d3'")"
check "and the portal got only the reception" "1" "$(portal_seqs "$d3")"
q "SELECT motcua.refresh_kpis()" >/dev/null
check "Decision 766's synced_to_portal is measured: the unit's receptions the portal took, as a direct count gives it" "true|true" \
	"$(q "WITH direct AS (
			SELECT motcua_internal.ratio(count(*) FILTER (WHERE o.status = 'delivered'), count(*)) AS rate
			FROM motcua.dossier d LEFT JOIN motcua.portal_outbox o ON o.dossier = d.code AND o.seq = 1
			WHERE d.unit IN (SELECT descendant FROM motcua_internal.unit_closure WHERE ancestor = '$UNIT')
			  AND d.received_on >= date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
		  SELECT (i.value = direct.rate) || '|' || (i.value BETWEEN 1 AND 99) FROM motcua.index_766 i, direct
		  WHERE i.unit = '$UNIT' AND i.period_kind = 'm' AND i.indicator = 'synced_to_portal'
			AND i.period_start = date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date")"
admin DELETE faults >/dev/null
check "requeue_portal sends the refused event again, and the rest follows in order" "1|1,2,3" \
	"$(q "SELECT motcua.requeue_portal('$d3')")|$(wait_for "SELECT count(*) = 3 FROM motcua.portal_outbox WHERE dossier::text = '$d3' AND status = 'delivered'" 15; portal_seqs "$d3")"
# a burst of 3,000 events, more than one claim takes at once (2,000): every
# one delivered once, and no worker crashed on the way (a crash restarts
# every server process, the checkpointer included)
checkpointer() { q "SELECT backend_start FROM pg_stat_activity WHERE backend_type = 'checkpointer'"; }
started=$(checkpointer)
q "SELECT count(motcua.transition(motcua.receive('9.900010', '0010991' || lpad(i::text, 5, '0'), '$UNIT', 'direct'), 'accept', 'cb', '{}'))
   FROM generate_series(1, 1500) i" >/dev/null
wait_for "SELECT count(*) = 1500 FROM motcua.portal_outbox o JOIN motcua.dossier d ON d.code = o.dossier
		  WHERE o.status = 'delivered' AND d.subject IN (SELECT id FROM motcua.subject WHERE personal_id::text LIKE '0010991%')" 90
check "a transaction's events travel as one record: each dossier's reception and acceptance, one DongBoHoSoMC row covering both" \
	"1500|1500|0" \
	"$(q "SELECT count(*) || '|' || count(*) FILTER (WHERE o.seq = 1 AND o.last_seq = 2 AND o.method = 'DongBoHoSoMC'
				AND (o.payload->>'first_seq', o.payload->>'seq') = ('1', '2'))
				|| '|' || count(*) FILTER (WHERE o.payload->>'TrangThaiHoSo' <> '2')
		  FROM motcua.portal_outbox o JOIN motcua.dossier d ON d.code = o.dossier
		  WHERE d.subject IN (SELECT id FROM motcua.subject WHERE personal_id::text LIKE '0010991%')")"
check "a burst of 1,500 receptions and acceptances: the portal holds each of the 3,000 events once, in order" "1500" \
	"$(admin GET stats | python3 -c 'import json,sys; p = json.load(sys.stdin)["portal"]; print(sum(1 for k, v in p.items() if v == [1, 2] and k not in sys.argv[1:]))' "$d1" "$d2" "$d3")"
check "and no worker crashed meanwhile (the checkpointer was never restarted)" "$started" "$(checkpointer)"
q "SELECT motcua.configure_source('portal', '{\"enabled\": false}')" >/dev/null

# --- HTTPS with a test CA; an untrusted certificate refused ------------------
tls=$WORK_DIR/tls
mkdir -p "$tls"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tls/ca.key" -out "$tls/ca.pem" -days 2 -subj "/CN=motcua test CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$tls/server.key" -out "$tls/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' >"$tls/san.ext"
openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -out "$tls/server.pem" \
	-days 2 -extfile "$tls/san.ext" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tls/other.key" -out "$tls/other.pem" -days 2 -subj "/CN=someone else" 2>/dev/null
chmod 755 "$tls"; chmod 644 "$tls"/*
mock tls --tls-cert "$tls/server.pem" --tls-key "$tls/server.key"
TLS_PORT=$mock_port
q "SELECT motcua.configure_source('land', '{\"kind\": \"land\", \"endpoint\": \"https://127.0.0.1:$TLS_PORT/land\",
	\"ca_bundle\": \"$tls/ca.pem\", \"max_attempts\": 2, \"enabled\": true}')" >/dev/null
check "HTTPS with the test CA: succeeded" "succeeded||1" "$(lookup land 001099000701)"
q "SELECT motcua.configure_source('land', '{\"ca_bundle\": \"$tls/other.pem\"}')" >/dev/null
check "a certificate the CA bundle does not vouch for: failed, tls, not retried" "failed|tls|1" "$(lookup land 001099000702)"
# mutual TLS: the source asks for a client certificate its CA signed
openssl req -newkey rsa:2048 -nodes -keyout "$tls/client.key" -out "$tls/client.csr" -subj "/CN=motcua connector" 2>/dev/null
openssl x509 -req -in "$tls/client.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -out "$tls/client.pem" -days 2 2>/dev/null
chmod 644 "$tls"/*
mock mtls --tls-cert "$tls/server.pem" --tls-key "$tls/server.key" --client-ca "$tls/ca.pem"
MTLS_PORT=$mock_port
q "SELECT motcua.configure_source('land', '{\"endpoint\": \"https://127.0.0.1:$MTLS_PORT/land\", \"ca_bundle\": \"$tls/ca.pem\", \"auth\": \"mtls\"}')" >/dev/null
# (the mock drops the connection after the TLS 1.3 handshake: a reset, as
# libcurl sees it; a server that sends the TLS alert gives tls)
mtls_none=$(lookup land 001099000703)
check "mutual TLS without a client certificate: refused by the source, failed" "t" \
	"$([[ $mtls_none == failed\|tls\|* || $mtls_none == failed\|connection_reset\|* ]] && echo t || echo "$mtls_none")"
q "SELECT motcua.set_source_secret('land', 'client_cert', '$tls/client.pem'), motcua.set_source_secret('land', 'client_key', '$tls/client.key')" >/dev/null
check "with the client certificate the CA signed: succeeded" "succeeded||1" "$(lookup land 001099000704)"

# --- credentials: bearer and HMAC; never in a log or a view -----------------
TOKEN="tok-$(openssl rand -hex 12)"
SECRET="sec-$(openssl rand -hex 12)"
mock bearer --bearer "$TOKEN"
BEARER_PORT=$mock_port
mock hmac --hmac-secret "$SECRET"
HMAC_PORT=$mock_port
q "SELECT motcua.configure_source('tax', '{\"kind\": \"tax\", \"endpoint\": \"http://127.0.0.1:$BEARER_PORT/tax\", \"auth\": \"bearer\", \"max_attempts\": 1, \"enabled\": true}')" >/dev/null
q "SELECT motcua.set_source_secret('tax', 'bearer_token', 'wrong-token')" >/dev/null
check "a wrong bearer token: failed, unauthorized" "failed|unauthorized|1" "$(lookup tax 0101234565)"
q "SELECT motcua.set_source_secret('tax', 'bearer_token', '$TOKEN')" >/dev/null
check "the right bearer token: succeeded" "succeeded||1" "$(lookup tax 0101234597)"
# a credential changed while a run is busy reaches what is queued after
# the change: the run that read the old one ends at its next claim and the
# next run reads the new one.  The run starts with a wrong token (the
# connector idle first, so no earlier run is left to take the lookup), a
# population lookup the mock holds 1.5 s keeps it busy, the right token
# comes meanwhile (from the administrator's login).
q "SELECT motcua.set_source_secret('tax', 'bearer_token', 'wrong-before-the-run')" >/dev/null
sleep 1
admin POST faults '[{"match": "/records/001099000811", "fault": "delay", "delay_ms": 1500, "times": 1}]' >/dev/null
slow=$(q "SELECT motcua.request_lookup('population', '001099000811')")
wait_for "SELECT status = 'running' FROM motcua.lookup_request WHERE id = $slow" 10
as conn_admin "SELECT motcua.set_source_secret('tax', 'bearer_token', '$TOKEN')" >/dev/null
check "the right token set while a run that read a wrong one is busy: the next lookup goes with it (succeeded)" \
	"succeeded||1" "$(lookup tax 0101234607)"
wait_for "SELECT status = 'succeeded' FROM motcua.lookup_request WHERE id = $slow" 10
wait_for "SELECT r.ended_at IS NOT NULL FROM motcua.job_runs r JOIN motcua.lookup_request l ON l.run = r.run_id WHERE l.id = $slow" 10
check "the busy lookup ended as the mock answered, and its run said it left the rest to a run that reads the sources again" \
	"succeeded|1 lookups: 1 succeeded, 0 failed; 1 requests in 1 batches; the sources changed: the rest is left to a run that reads them again" \
	"$(q "SELECT concat_ws('|', l.status, r.message) FROM motcua.lookup_request l JOIN motcua.job_runs r ON r.run_id = l.run WHERE l.id = $slow")"
q "SELECT motcua.configure_source('civil_status', '{\"kind\": \"civil_status\", \"endpoint\": \"http://127.0.0.1:$HMAC_PORT/civil_status\", \"auth\": \"hmac\", \"max_attempts\": 1, \"enabled\": true}')" >/dev/null
q "SELECT motcua.set_source_secret('civil_status', 'hmac_secret', '$SECRET')" >/dev/null
check "HMAC-SHA256 signed headers: succeeded" "succeeded||1" "$(lookup civil_status 001099000801)"
check "an officer cannot read the secrets (42501)" "ERROR 42501" \
	"$(as conn_officer_a "SELECT * FROM motcua_internal.national_source_secret")"
seen=$(q "SELECT concat((SELECT string_agg(message, ' ') FROM motcua.job_runs), (SELECT string_agg(l::text, ' ') FROM motcua.lookup_request l),
		(SELECT string_agg(a::text, ' ') FROM motcua.data_access a), (SELECT string_agg(n::text, ' ') FROM motcua.national_source n),
		(SELECT string_agg(j::text, ' ') FROM motcua.jobs j))")
check "the secrets appear in no view: job_runs, lookups, data_access, sources, jobs" "0" \
	"$(printf '%s' "$seen" | grep -c -e "$TOKEN" -e "$SECRET")"
check "nor in the server log" "0" "$(cat "$PGHOST"/*.log 2>/dev/null | grep -c -e "$TOKEN" -e "$SECRET")"

# --- runs of different jobs keep each other's breakers ---------------------
# portal_sync loads every source when it starts; a lookup run meanwhile
# opens the enterprise breaker; the portal run, ending later, must not
# close it again nor lose the opening
q "SELECT motcua.configure_source('business_registration', '{\"kind\": \"enterprise\", \"endpoint\": \"http://127.0.0.1:$PORT/enterprise\",
	\"max_attempts\": 1, \"breaker_threshold\": 1, \"breaker_open\": \"60 seconds\", \"enabled\": true}')" >/dev/null
q "SELECT motcua.configure_source('portal', '{\"total_timeout\": \"10 seconds\", \"enabled\": true}')" >/dev/null
admin POST faults '[{"match": "/portal/", "fault": "delay", "delay_ms": 4000}, {"match": "/enterprise/", "fault": "503"}]' >/dev/null
slow=$(q "SELECT motcua.receive('9.900010', '001099000904', '$UNIT', 'direct')")
wait_for "SELECT count(*) > 0 FROM pg_stat_activity WHERE query LIKE 'motcua portal_sync%'" 10
lookup_status() { local id; id=$(q "SELECT motcua.request_lookup('business_registration', '$1')")
	wait_for "SELECT status = 'failed' FROM motcua.lookup_request WHERE id = $id" 10
	q "SELECT failure FROM motcua.lookup_request WHERE id = $id"; }
check "a lookup during the portal's run fails and opens the enterprise breaker" "http_5xx|open 1" \
	"$(lookup_status 0100109106)|$(q "SELECT breaker || ' ' || opens FROM motcua.source_health WHERE source = 'business_registration'")"
wait_for "SELECT status = 'delivered' FROM motcua.portal_outbox WHERE dossier::text = '$slow' AND seq = 1" 20
check "the portal's run, ended after it, left that breaker open and its opening counted" "open 1" \
	"$(q "SELECT breaker || ' ' || opens FROM motcua.source_health WHERE source = 'business_registration'")"
check "so the next lookup is not sent: circuit_open" "circuit_open" "$(lookup_status 0311978680)"
admin DELETE faults >/dev/null
q "SELECT motcua.configure_source(s, '{\"enabled\": false}') FROM unnest('{portal,business_registration}'::text[]) s" >/dev/null

# --- crash test: kill -9 of the connector while 10,000 lookups are in flight -
q "SELECT motcua.alter_job('national_lookup', schedule => '2 seconds')" >/dev/null
q "SELECT motcua.configure_source('population', '{\"max_concurrency\": 64, \"max_attempts\": 5, \"total_timeout\": \"5 seconds\"}')" >/dev/null
admin POST faults '[{"match": "/population/records/0010992", "fault": "delay", "delay_ms": 30}]' >/dev/null
q "SELECT count(motcua.request_lookup('population', '0010992' || lpad(i::text, 5, '0'))) FROM generate_series(0, 9999) i" >/dev/null
kills=0
for k in 1 2 3 4 5; do
	sleep "0.$((RANDOM % 9 + 1))"
	wait_for "SELECT count(*) > 0 FROM pg_stat_activity WHERE backend_type = 'motcua job' AND query LIKE 'motcua%lookup%'" 30
	pid=$(q "SELECT pid FROM pg_stat_activity WHERE backend_type = 'motcua job' AND query LIKE 'motcua%lookup%' LIMIT 1" postgres)
	if [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
	# (the server restarts its backends; wait until it takes connections)
	sleep 1
	for _ in $(seq 100); do psql -X -q -d postgres -c 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
done
check "the connector was killed 5 times while lookups were in flight" "5" "$kills"
wait_for "SELECT count(*) = 0 FROM motcua.lookup_request WHERE key LIKE '0010992%' AND status IN ('pending', 'running')" 120
check "every one of the 10,000 lookups ended" "10000" \
	"$(q "SELECT count(*) FROM motcua.lookup_request WHERE key LIKE '0010992%' AND status IN ('succeeded', 'failed')")"
check "as the mock answers them: 9,990 succeeded, 10 not found (keys ending 404)" "9990|10" \
	"$(q "SELECT count(*) FILTER (WHERE status = 'succeeded') || '|' || count(*) FILTER (WHERE failure = 'not_found') FROM motcua.lookup_request WHERE key LIKE '0010992%'")"
check "each ended exactly once: one access-log line per lookup, none twice" "10000|10000" \
	"$(q "SELECT count(*) || '|' || count(DISTINCT lookup) FROM motcua.data_access a JOIN motcua.lookup_request l ON l.id = a.lookup WHERE l.key LIKE '0010992%'")"
check "every success has its record, none reported succeeded without one" "9990|0" \
	"$(q "SELECT count(*) FILTER (WHERE n.id IS NOT NULL) || '|' || count(*) FILTER (WHERE n.id IS NULL) FROM motcua.lookup_request l LEFT JOIN motcua.national_record n ON n.id = l.record WHERE l.key LIKE '0010992%' AND l.status = 'succeeded'")"
check "the killed runs are recorded crashed" "t" \
	"$(q "SELECT count(*) >= 1 FROM motcua.job_runs WHERE job = 'national_lookup' AND status = 'crashed'")"

q "ALTER SYSTEM SET motcua.scheduler_enabled = off" postgres >/dev/null
q "SELECT pg_reload_conf()" postgres >/dev/null
psql -X -q -d postgres -c "DROP DATABASE $db" 2>&1 | grep -v NOTICE
for r in conn_admin conn_officer_a conn_officer_b conn_auditor; do psql -X -q -d postgres -c "DROP ROLE $r"; done
tap_done
