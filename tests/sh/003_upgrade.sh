#!/usr/bin/env bash
# Upgrade from the previous release (TAP output): install it, load data
# (dossiers in every state, documents, tickets, ratings, feedback, KPIs),
# ALTER EXTENSION motcua UPDATE, and check that the data is intact, the
# histories verify, the KPIs equal a rebuild, and the upgraded schema is the
# one a fresh install of this version makes (pg_dump --schema-only of both,
# with the extension's members dumped as plain objects, must be equal).
# Runs inside tools/test.sh: PGHOST, PGPORT, PGUSER and WORK_DIR are set.
set -uo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
here=$(dirname "$0")
mkdir -p "$WORK_DIR"
. "$here/../lib/tap.sh"
q() { PGOPTIONS="-c search_path=motcua,motcua_internal,public -c timezone=Asia/Ho_Chi_Minh" psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
new=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$here/../../motcua.control")
old=$(sed -n 's/^PREVVERSION = //p' "$here/../../Makefile")

for db in upg_data upg_old upg_new; do
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" \
		-c "ALTER DATABASE $db SET motcua.backdating_window = '3650d'" 2>&1 | grep -v NOTICE
done

# --- the previous release with data ---------------------------------------
q upg_data "CREATE EXTENSION motcua VERSION '$old'"
check "version $old installs" "$old" "$(q upg_data "SELECT extversion FROM pg_extension WHERE extname = 'motcua'")"
q upg_data 'SELECT count(*) FROM load_sample_data()' >/dev/null
q upg_data "INSERT INTO procedure_component (procedure, ordinal, document_type, mandatory, reusable)
	SELECT '9.900010', 9, 'TO_KHAI_KHAI_SINH', false, false WHERE NOT EXISTS (
		SELECT 1 FROM procedure_component WHERE procedure = '9.900010' AND ordinal = 9)" >/dev/null
# one dossier per path through the state machine; each row is the actions
# after reception, with their details
q upg_data "DO \$\$
DECLARE
	paths text[][] := ARRAY[
		['', '', '', ''],
		['accept', '', '', ''],
		['accept', 'assign', '', ''],
		['accept', 'request_supplement', '', ''],
		['accept', 'request_payment', '', ''],
		['accept', 'suspend', '', ''],
		['refuse_reception', '', '', ''],
		['accept', 'withdraw', '', ''],
		['accept', 'stop', '', ''],
		['accept', 'extend', 'complete', ''],
		['accept', 'request_supplement', 'supplement_received', 'complete'],
		['accept', 'transfer', 'complete', 'return_result']];
	c motcua.dossier_code;
	t timestamptz;
	i int;
	k int;
BEGIN
	FOR i IN 1..array_length(paths, 1) LOOP
		t := timestamptz '2025-11-17 09:00+07' + i * interval '1 hour';
		c := motcua.receive('9.900010', lpad((300000 + i)::text, 12, '0010990'), '000.00.01.H22',
							(ARRAY['direct', 'online', 'postal'])[1 + i % 3], t);
		FOR k IN 1..4 LOOP
			CONTINUE WHEN paths[i][k] = '';
			t := t + interval '1 day';
			PERFORM motcua.transition(c, paths[i][k], 'cv', jsonb_build_object(
				'at', t, 'reason', 'x', 'amount', 20000, 'to_unit', '000.00.02.H22',
				'new_promised_at', t + interval '20 days', 'apology_letter', 'XL',
				'channel', CASE paths[i][k] WHEN 'transfer' THEN 'electronic' ELSE 'postal' END,
				'results', '[{\"document_type\": \"GIAY_KHAI_SINH\", \"content_base64\": \"a2V0IHF1YQ==\"}]'::jsonb));
		END LOOP;
	END LOOP;
END
\$\$"
code=$(q upg_data "SELECT code FROM dossier WHERE state = 'in_progress' ORDER BY code::text LIMIT 1")
q upg_data "SELECT supply_component('$code', 9, 'digitized_at_counter', convert_to('tờ khai', 'UTF8'), at => '2025-11-20 10:00+07')" >/dev/null
t1=$(q upg_data "SELECT issue_ticket('000.00.01.H22', at => '2025-11-17 08:00+07')")
q upg_data "SELECT call_ticket($t1, 'quầy 1', '2025-11-17 08:04+07')" >/dev/null
q upg_data "SELECT rate(code, 4, at => '2025-12-20 10:00+07') FROM dossier WHERE state = 'returned'" >/dev/null
q upg_data "SELECT submit_feedback('000.00.01.H22', 'complaint', 'chậm', at => '2025-11-21 11:00+07')" >/dev/null
q upg_data "SELECT refresh_kpis()" >/dev/null

states=$(q upg_data "SELECT string_agg(DISTINCT state, ',' ORDER BY state) FROM dossier")
check "the data covers every dossier state" "$(q upg_data "SELECT string_agg(state, ',' ORDER BY state) FROM dossier_state")" "$states"
# rows of every table of the extension, by table name (a table may change
# schema in an upgrade)
counts="SELECT string_agg(c.relname || '=' || (xpath('/row/n/text()',
			query_to_xml(format('SELECT count(*) AS n FROM %s', c.oid::regclass), false, true, '')))[1]::text, ' '
		ORDER BY c.relname)
	FROM pg_class c JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'motcua'
	WHERE c.relkind IN ('r', 'p')"
before=$(q upg_data "$counts")
check "the old release holds data to carry over" "t" "$(q upg_data "SELECT count(*) >= 12 FROM dossier")"

# --- the upgrade ---------------------------------------------------------
# (what the new version requires is installed first, as docs/operations.md says)
for db in upg_data upg_old; do
	q "$db" "CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm"
done
q upg_data "ALTER EXTENSION motcua UPDATE TO '$new'" 2>"$WORK_DIR/update.err"
check "ALTER EXTENSION motcua UPDATE succeeds" "" "$(head -c 300 "$WORK_DIR/update.err")"
check "the extension is at $new" "$new" "$(q upg_data "SELECT extversion FROM pg_extension WHERE extname = 'motcua'")"
after=$(q upg_data "$counts")
# (every table as it was, but the shipped national databases: 0.2 ships
# the national portal as one; and the dossier actions: 0.2 adds the
# refund, the payment on reception and assist_online)
check "every table keeps its rows (tables the upgrade adds aside)" "" \
	"$(comm -23 <(tr ' ' '\n' <<<"$before" | grep -v '^national_database=\|^dossier_transition=' | sort) <(tr ' ' '\n' <<<"$after" | sort) | tr '\n' ' ')"
check "the document provenances (a table 0.2 adds) include the electronic certified copy" "1" \
	"$(q upg_data "SELECT count(*) FROM document_provenance WHERE code = 'certified_copy'")"
check "the dossier actions gain the refund (9 states), the payment on reception and assist_online, and lose none" \
	"$(( $(tr ' ' '\n' <<<"$before" | sed -n 's/^dossier_transition=//p') + 11 ))|11" \
	"$(tr ' ' '\n' <<<"$after" | sed -n 's/^dossier_transition=//p')|$(q upg_data "SELECT count(*) FROM dossier_transition WHERE action IN ('refund', 'assist_online') OR (action = 'payment_received' AND to_state IS NULL)")"
check "the national databases gain one row: the national portal" "$(( $(tr ' ' '\n' <<<"$before" | sed -n 's/^national_database=//p') + 1 ))|portal" \
	"$(tr ' ' '\n' <<<"$after" | sed -n 's/^national_database=//p')|$(q upg_data "SELECT string_agg(code, ',') FROM national_database WHERE code NOT IN ('population', 'business_registration', 'social_insurance', 'land', 'civil_status', 'tax', 'procedure_catalogue')")"
check "every dossier's history verifies" "0" \
	"$(q upg_data "SELECT count(*) FROM dossier d WHERE NOT (verify_history(d.code)).valid")"
q upg_data "CREATE TABLE public.kpi_before AS SELECT * FROM kpi_unit_period"
q upg_data "SELECT rebuild_kpis('2025-01-01', '2025-12-31')" >/dev/null
check "the KPI sums carried over equal a rebuild after the upgrade" "0" \
	"$(q upg_data "SELECT count(*) FROM ((TABLE public.kpi_before EXCEPT SELECT * FROM kpi_unit_period)
		UNION ALL (SELECT * FROM kpi_unit_period EXCEPT TABLE public.kpi_before)) x")"
check "the sample data moved to motcua_sample: it installs on the upgraded database and finds its rows there" "0" \
	"$(q upg_data "CREATE EXTENSION motcua_sample; SELECT sum(rows) FROM load_sample_data()")"
check "the upgraded database keeps working: a new reception" "t" \
	"$(q upg_data "SELECT receive('9.900010', '001099400001', '000.00.01.H22', 'direct', '2025-12-01 09:00+07') IS NOT NULL")"

# --- the schema: upgraded equals fresh -----------------------------------
q upg_old "CREATE EXTENSION motcua VERSION '$old'"
q upg_old "ALTER EXTENSION motcua UPDATE TO '$new'"
q upg_new "CREATE EXTENSION unaccent; CREATE EXTENSION pg_trgm; CREATE EXTENSION motcua"
members="SELECT string_agg(pg_describe_object(d.classid, d.objid, 0), E'\n' ORDER BY pg_describe_object(d.classid, d.objid, 0))
	FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'motcua' WHERE d.deptype = 'e'"
m_old=$(q upg_old "$members")
m_new=$(q upg_new "$members")
check "the upgraded extension has the same member objects as a fresh install ($(echo "$m_new" | wc -l) objects)" \
	"$m_new" "$m_old"
config="SELECT string_agg(x.c::regclass::text || ':' || x.cond, ', ' ORDER BY x.c::regclass::text)
	FROM pg_extension e, unnest(e.extconfig, e.extcondition) x(c, cond) WHERE e.extname = 'motcua'"
check "the same tables are dumped with user data" "$(q upg_new "$config")" "$(q upg_old "$config")"
# pg_dump leaves an extension's members out; detached from it (in these
# throwaway databases), they are dumped like any object
for db in upg_old upg_new; do
	q "$db" "DELETE FROM pg_depend WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
		AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'motcua')"
	"$PGBIN/pg_dump" --schema-only -d "$db" | grep -v '^-- Dumped \|^--$\|^.\(un\)\?restrict ' >"$WORK_DIR/$db.sql"
done
diff -u "$WORK_DIR/upg_new.sql" "$WORK_DIR/upg_old.sql" >"$WORK_DIR/schema.diff"
check "pg_dump --schema-only of the upgraded and the fresh install are equal ($(wc -l <"$WORK_DIR/upg_new.sql") lines)" \
	"" "$(head -c 2000 "$WORK_DIR/schema.diff")"
check "the dump is not empty" "t" "$([ "$(grep -c 'CREATE FUNCTION' "$WORK_DIR/upg_new.sql")" -gt 100 ] && echo t)"

# a database that cannot hold Vietnamese names in NFC is refused up front
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS upg_latin1" \
	-c "CREATE DATABASE upg_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" 2>&1 | grep -v NOTICE
check "CREATE EXTENSION motcua in a LATIN1 database fails with 0A000, naming the encoding" "0A000" \
	"$(psql -X -q -d upg_latin1 -v VERBOSITY=sqlstate -c 'CREATE EXTENSION unaccent' -c 'CREATE EXTENSION pg_trgm' \
		-c '\set VERBOSITY sqlstate' -c 'CREATE EXTENSION motcua' 2>&1 | grep -o '0A000')"

for db in upg_data upg_old upg_new upg_latin1; do
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"
done
tap_done
