#!/usr/bin/env bash
# Parsing BENCH_IDS (1M) personal IDs vs parsing the same values as int8,
# same instance, same run (issue: identifier types).  Target: ratio <= 1.5.
# Also printed, with no target: tax codes and dossier codes against the
# same text pipeline without the parse.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
N=$BENCH_IDS
bench_start
psql -X -q -v ON_ERROR_STOP=1 -v n="$N" <<'SQL'
CREATE TABLE ids AS
SELECT (ARRAY['001','079','048','092'])[1 + i % 4] || (i % 2)::text || lpad((i % 100)::text, 2, '0')
       || lpad((i::bigint * 7919 % 1000000)::text, 6, '0') AS s
FROM generate_series(1, :n) i;
VACUUM ANALYZE ids;
SQL
IFS='|' read -r pid i8 tax dc tc < <(psql -X -A -t -v ON_ERROR_STOP=1 <<'SQL'
SELECT bench_ms('SELECT count(s::motcua.personal_id) FROM ids'),
       bench_ms('SELECT count(s::int8) FROM ids'),
       bench_ms('SELECT count(s::motcua.tax_code) FROM (SELECT ''0100109106'' s FROM ids) x'),
       bench_ms('SELECT count(s::motcua.dossier_code) FROM (SELECT ''000.00.01.H29-240115-'' || (1000000 + row_number() over ())::text s FROM ids) x'),
       bench_ms('SELECT count(s::text) FROM (SELECT ''000.00.01.H29-240115-'' || (1000000 + row_number() over ())::text s FROM ids) x');
SQL
)
ratio=$(awk -v a="$pid" -v b="$i8" 'BEGIN {printf "%.2f", a / b}')
printf 'parse %s values (median of 5, ms)\n' "$N"
printf '  personal_id  %8s ms\n  int8         %8s ms   (baseline)\n  ratio        %8s   (target <= 1.5)\n' "$pid" "$i8" "$ratio"
printf '  tax_code     %8s ms\n  dossier_code %8s ms vs %s ms for the same text pipeline without the parse\n' "$tax" "$dc" "$tc"
bench_result "parse $N personal_id (baseline: int8)" "$pid" "$i8" ms '<= 1.5x' "$(bench_met 'a / b <= 1.5' a="$pid" b="$i8")"
bench_result "parse $N tax_code (one constant value)" "$tax" - ms - -
bench_result "parse $N dossier_code (baseline: same text pipeline, no parse)" "$dc" "$tc" ms - -
