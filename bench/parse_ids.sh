#!/usr/bin/env bash
# Parsing 1M personal IDs vs parsing the same 1M values as int8, same
# instance, same run (issue: identifier types).  Target: ratio <= 1.5.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE TABLE ids AS
SELECT (ARRAY['001','079','048','092'])[1 + i % 4] || (i % 2)::text || lpad((i % 100)::text, 2, '0')
       || lpad((i::bigint * 7919 % 1000000)::text, 6, '0') AS s
FROM generate_series(1, 1000000) i;
VACUUM ANALYZE ids;
SQL
psql -X -A -t -v ON_ERROR_STOP=1 <<'SQL'
WITH r AS (
	SELECT bench_ms('SELECT count(s::motcua.personal_id) FROM ids') AS pid,
	       bench_ms('SELECT count(s::int8) FROM ids') AS i8,
	       bench_ms('SELECT count(s::motcua.tax_code) FROM (SELECT ''0100109106'' s FROM ids) x') AS tax,
	       bench_ms('SELECT count(s::motcua.dossier_code) FROM (SELECT ''000.00.01.H29-240115-'' || (1000000 + row_number() over ())::text s FROM ids LIMIT 1000000) x') AS dossier_with_concat,
	       bench_ms('SELECT count(s::text) FROM (SELECT ''000.00.01.H29-240115-'' || (1000000 + row_number() over ())::text s FROM ids LIMIT 1000000) x') AS text_with_concat)
SELECT format(E'parse 1M values (median of 5, ms)\n'
	'  personal_id  %8s ms\n  int8         %8s ms   (baseline)\n  ratio        %8s   (target <= 1.5)\n'
	'  tax_code     %8s ms\n  dossier_code %8s ms vs %s ms for the same text pipeline without the parse',
	pid, i8, round(pid / i8, 2), tax, dossier_with_concat, text_with_concat) FROM r;
SQL
