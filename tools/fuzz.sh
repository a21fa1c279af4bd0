#!/usr/bin/env bash
# make fuzz: build a libFuzzer target per parser of outside input (the
# identifiers, cron expressions, the Retry-After header, the JSON check
# of a national source's answer against PostgreSQL's own parser, the
# connector's reading of a lookup's and of the portal's answer, and the
# signature check on arbitrary CMS bytes; clang with address and
# undefined-behaviour sanitizers) and run each for FUZZ_RUNS executions
# (default 1,000,000).  Prints one TAP line per target.
# FUZZ_ONLY="cms json" runs only the targets named.
set -uo pipefail
set -f	# (the seeds hold cron stars: no file name expansion)
cd "$(dirname "$0")/.."

RUNS=${FUZZ_RUNS:-1000000}
OUT=${FUZZ_OUT:-.build/fuzz}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
ROOT=$(pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PG_CONFIG=$PGBIN/pg_config
[ -x "$PG_CONFIG" ] || PG_CONFIG=pg_config
# the JSON target links PostgreSQL's frontend jsonapi (libpgcommon)
PGINC=$("$PG_CONFIG" --includedir-server)
PGLIB=$("$PG_CONFIG" --pkglibdir)
PGCOMMON="-DFRONTEND -Wno-ignored-attributes -I$PGINC $PGLIB/libpgcommon.a $PGLIB/libpgport.a"

targets=(personal_id tax_code unit_id dossier_code procedure_code cron retry_after json answer portal cms)
# each target's source and number in it, what it links, its longest input
# and anything else it builds with
files=(idparse:1 idparse:2 idparse:3 idparse:4 idparse:5 text:1 text:2 json:0 answer:1 answer:2 cms:0)
links=("idparse.c daynum.c" "idparse.c daynum.c" "idparse.c daynum.c" "idparse.c daynum.c" "idparse.c daynum.c"
	"cronexpr.c daynum.c" "connpolicy.c daynum.c" "jsoncheck.c"
	"connanswer.c connpolicy.c jsoncheck.c daynum.c" "connanswer.c connpolicy.c jsoncheck.c daynum.c"
	"cmscheck.c jsoncheck.c")
maxlens=(64 64 64 64 64 64 64 4096 4096 4096 4096)
extras=("" "" "" "" "" "" "" "$PGCOMMON" "" "" "-lssl -lcrypto")
# a dictionary of tokens (JSON: PostgreSQL's parser is not instrumented,
# so nothing guides the fuzzer to the edges where the two may differ)
dicts=("" "" "" "" "" "" "" json json json "")
# (seeds: "_" stands for a space; the answers' and the signatures' seeds
# are made below)
seeds=(
	"001099012345 079203000123 001199012345"
	"0100109106 0311978680 0100109106-001"
	"000.00.01.H29 000.01.01.H59 G09.20 G09 H22.01.02.003"
	"000.00.01.H29-240115-0001 G09.20-251231-12345"
	"1.000894 2.000635 1.001612.000.00.00.H48"
	"*/5_*_*_*_* 0_3_*_*_1-5 @daily 30_1_1,15_*_* 0_0_29_2_*"
	"120 0 Wed,_21_Oct_2015_07:28:00_GMT Sunday,_06-Nov-94_08:49:37_GMT Sun_Nov__6_08:49:37_1994"
	'{"record":{"ho_ten":"Nguyễn_Văn_An","ngay_sinh":"1990-01-02","so":-1.5e3,"ok":true,"x":null}} [1e131071,0e-16383,"\n\t\/\u00e9\ud83d\ude00"] {"a":[[],{}],"b":[0.0001]}'
	"" "" ""
)

# answer_seed FILE HEAD RETRY_AFTER BODY: an answer's fixed bytes (octal
# escapes), its Retry-After line and its body.
answer_seed() {
	printf "$2" >"$1"
	[ -n "$3" ] && printf '%s\n' "$3" >>"$1"
	printf '%s' "$4" >>"$1"
}
answer_seeds() {
	local d=$1
	# transport OK, 200, attempt 1 of 5, jitter, seq 7
	answer_seed "$d/ok" '\000\000\310\001\005\200\000\007' "" '{"record":{"ho_ten":"Nguyễn Văn An"}}'
	answer_seed "$d/503" '\000\001\367\002\005\100\000\007' "120" '{"error":"busy"}'
	answer_seed "$d/429" '\000\001\255\001\003\000\000\007' "Wed, 21 Oct 2015 07:28:00 GMT" ''
	answer_seed "$d/409" '\000\001\231\001\005\000\000\007' "" '{"error":"out_of_order","expected":9}'
	answer_seed "$d/404" '\000\001\224\001\005\000\000\007' "" 'not found'
	answer_seed "$d/timeout" '\002\000\000\003\005\377\000\007' "" ''
}

# cms_seeds DIR PKI: a test PKI made with the openssl command
# (tests/lib/pki.sh) in PKI, the trust store and the content fuzz_cms
# reads, and seed inputs (valid, expired, untrusted, co-signed, attached,
# without attributes; DER and PEM) in DIR.
cms_seeds() {
	local d=$1 pki=$2 s
	rm -rf "$pki" && mkdir -p "$pki"
	(
		set -e
		cd "$pki"
		. "$ROOT/tests/lib/pki.sh"
		pki_config
		mkca ca "/C=VN/O=motcua test/CN=motcua Test Root CA"
		mkca other "/C=VN/CN=Other CA"
		mksigner good ca "/C=VN/O=UBND tỉnh Quảng Ninh/CN=Nguyễn Văn An" -days 3650
		mksigner expired ca "/C=VN/CN=Trần Thị Bình" -startdate 20200101000000Z -enddate 20200102000000Z
		mksigner stranger other "/C=VN/CN=Lê Văn Cường" -days 3650
		cp ca.pem root.pem
		printf 'Đơn đề nghị cấp giấy phép xây dựng, hồ sơ 000.00.01.H22-251117-0001\n' >content.txt
		sign good DER sig-good.der
		sign good PEM sig-good.pem
		sign good DER sig-noattr.der -noattr
		sign expired DER sig-expired.der
		sign stranger DER sig-stranger.der
		sign good DER sig-attached.der -nodetach
		sign good DER sig-cosigned.der -signer stranger.pem -inkey stranger.key
	) >"$pki.log" 2>&1 || { cat "$pki.log"; return 1; }
	for s in good.der good.pem noattr.der expired.der stranger.der attached.der cosigned.der; do
		# bit 0: the content is content.txt; bit 1: names as UTF-8
		{ printf '\003'; cat "$pki/sig-$s"; } >"$d/seed-$s"
		# the content in the input (its length first)
		{ printf '\002'; printf "\\$(printf '%03o' "$(stat -c %s "$pki/content.txt")")"
		  cat "$pki/content.txt" "$pki/sig-$s"; } >"$d/seed-inline-$s"
	done
}

echo "1..${#targets[@]}"
n=0
status=0
for i in "${!targets[@]}"; do
	n=$((n + 1))
	t=${targets[$i]}
	if [ -n "${FUZZ_ONLY:-}" ] && [[ " $FUZZ_ONLY " != *" $t "* ]]; then
		echo "ok $n - fuzz_$t # SKIP not in FUZZ_ONLY"
		continue
	fi
	bin=$OUT/fuzz_$t
	corpus=$OUT/corpus_$t
	mkdir -p "$corpus"
	k=0
	for s in ${seeds[$i]}; do printf '%s' "${s//_/ }" >"$corpus/seed$k"; k=$((k + 1)); done
	case $t in
		answer | portal) answer_seeds "$corpus" ;;
		cms) if ! cms_seeds "$corpus" "$OUT/pki_cms"; then echo "not ok $n - fuzz_$t: the test PKI"; status=1; continue; fi ;;
	esac
	src=tests/fuzz/fuzz_${files[$i]%%:*}.c
	objs=""
	for f in ${links[$i]}; do objs="$objs extension/$f"; done
	if ! clang -g -O1 -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-DFUZZ_TARGET=${files[$i]##*:} -Iextension -o "$bin" "$src" $objs ${extras[$i]} >"$OUT/$t.build.log" 2>&1; then
		cat "$OUT/$t.build.log"
		echo "not ok $n - fuzz_$t builds"
		status=1
		continue
	fi
	dict=()
	[ -n "${dicts[$i]}" ] && dict=(-dict="tests/fuzz/${dicts[$i]}.dict")
	# (the corpus holds the seeds and what earlier runs found)
	if MC_FUZZ_PKI=$OUT/pki_cms "$bin" -runs="$RUNS" -max_len=${maxlens[$i]} -seed=$((n * 7919)) \
		"${dict[@]}" -artifact_prefix="$OUT/$t-" "$corpus" >"$OUT/$t.log" 2>&1; then
		execs=$(grep -oE 'Done [0-9]+ runs' "$OUT/$t.log" | grep -oE '[0-9]+')
		echo "ok $n - fuzz_$t: ${execs:-?} executions, no crash"
	else
		tail -30 "$OUT/$t.log"
		echo "not ok $n - fuzz_$t crashed (reproducer in $OUT)"
		status=1
	fi
done
exit $status
