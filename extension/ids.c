/*-------------------------------------------------------------------------
 *
 * ids.c
 *	  SQL types for motcua's identifiers: personal_id, tax_code, unit_id,
 *	  dossier_code and procedure_code.
 *
 * The parsing rules live in idparse.c; this file only moves values
 * between PostgreSQL and those parsers.  personal_id, tax_code and
 * unit_id are 8-byte pass-by-value integers whose order is the
 * identifier's natural order, so their operators are PostgreSQL's own
 * int8 functions (declared in the install script).  dossier_code and
 * procedure_code are 16 bytes stored big-endian field by field, so one
 * memcmp orders them and one set of comparison functions serves both.
 * The binary wire format of every type is its canonical text.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/hash.h"
#include "access/xact.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "daynum.h"
#include "idparse.h"
#include "ids.h"

/* How much of a rejected value an error message repeats. */
#define SHOWN_VALUE_BYTES 40

/* Which identifier a shared helper is working on. */
typedef enum IdKind
{
	ID_PERSONAL,
	ID_TAX,
	ID_UNIT,
	ID_DOSSIER,
	ID_PROCEDURE
} IdKind;

/* Names used in error messages, indexed by IdKind. */
static const char *const id_names[] = {
	"personal ID",
	"tax code",
	"unit ID",
	"dossier code",
	"procedure code"
};

/*
 * report_invalid raises 22P02 naming the identifier, the value (clipped
 * on a character boundary so a huge input gives a short message) and the
 * rule that was broken.
 */
static void
report_invalid(IdKind kind, const char *s, int len, const char *rule)
{
	int			shown = len;

	if (shown > SHOWN_VALUE_BYTES)
		shown = pg_mbcliplen(s, len, SHOWN_VALUE_BYTES);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid %s \"%.*s%s\": %s", id_names[kind], shown, s,
					shown < len ? "..." : "", rule)));
}

/*
 * current_vietnam_year is the calendar year at the start of this
 * transaction in Vietnam (UTC+7, no daylight saving since 1975); a
 * personal ID may not name a birth year after it.
 */
static int
current_vietnam_year(void)
{
	TimestampTz now = GetCurrentTransactionStartTimestamp();
	int32		day = (int32) ((now + 7 * USECS_PER_HOUR) / USECS_PER_DAY);
	int			y,
				m,
				d;

	if (now < 0)
		day--;
	mc_ymd_from_day(day, &y, &m, &d);
	return y;
}

/*
 * parse_int64_id parses any of the 8-byte identifiers, raising the
 * proper error on bad input.
 */
static uint64
parse_int64_id(IdKind kind, const char *s, int len)
{
	uint64_t	v = 0;
	char		err[MC_ID_ERRLEN];
	bool		ok = false;

	if (kind == ID_PERSONAL)
		ok = mc_parse_personal_id(s, len, current_vietnam_year(), &v, err);
	else if (kind == ID_TAX)
		ok = mc_parse_tax_code(s, len, &v, err);
	else if (kind == ID_UNIT)
		ok = mc_parse_unit_id(s, len, &v, err);
	else
		elog(ERROR, "unexpected identifier kind %d", (int) kind);
	if (!ok)
		report_invalid(kind, s, len, err);
	return (uint64) v;
}

/*
 * format_int64_id writes the text form of an 8-byte identifier.
 */
static void
format_int64_id(IdKind kind, uint64 v, char *buf)
{
	if (kind == ID_PERSONAL)
		mc_format_personal_id(v, buf);
	else if (kind == ID_TAX)
		mc_format_tax_code(v, buf);
	else
		mc_format_unit_id(v, buf);
}

/*
 * put_be and get_be move an unsigned integer of n bytes to and from
 * big-endian storage.
 */
static void
put_be(unsigned char *p, uint64 v, int n)
{
	int			i;

	for (i = n - 1; i >= 0; i--)
	{
		p[i] = (unsigned char) (v & 0xff);
		v >>= 8;
	}
}

static uint64
get_be(const unsigned char *p, int n)
{
	uint64		v = 0;
	int			i;

	for (i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

/*
 * Dossier codes are stored as unit (8 bytes), day (4 bytes, biased so
 * that the stored value is non-negative) and sequence (4 bytes).
 */
#define DAY_BIAS 0x40000000

void
motcua_dossier_pack(const McDossierCode *c, Fixed16 *out)
{
	put_be(out->b, c->unit, 8);
	put_be(out->b + 8, (uint64) ((int64) c->day + DAY_BIAS), 4);
	put_be(out->b + 12, (uint64) c->seq, 4);
}

void
motcua_dossier_unpack(const Fixed16 *in, McDossierCode *c)
{
	c->unit = get_be(in->b, 8);
	c->day = (int32) ((int64) get_be(in->b + 8, 4) - DAY_BIAS);
	c->seq = (int32) get_be(in->b + 12, 4);
}

/*
 * Procedure codes are stored as number (4 bytes), the local flag
 * (4 bytes) and the local unit (8 bytes): the national code sorts first,
 * its local variants right after it.
 */
void
motcua_procedure_pack(const McProcedureCode *c, Fixed16 *out)
{
	put_be(out->b, (uint64) c->number, 4);
	put_be(out->b + 4, (uint64) c->has_local, 4);
	put_be(out->b + 8, c->local_unit, 8);
}

void
motcua_procedure_unpack(const Fixed16 *in, McProcedureCode *c)
{
	c->number = (int32) get_be(in->b, 4);
	c->has_local = (int32) get_be(in->b + 4, 4);
	c->local_unit = get_be(in->b + 8, 8);
}

/*
 * parse_fixed16_id parses a dossier or procedure code into its stored
 * form, raising the proper error on bad input.
 */
static Fixed16 *
parse_fixed16_id(IdKind kind, const char *s, int len)
{
	Fixed16    *result = palloc(sizeof(Fixed16));
	char		err[MC_ID_ERRLEN];

	if (kind == ID_DOSSIER)
	{
		McDossierCode c;

		if (!mc_parse_dossier_code(s, len, &c, err))
			report_invalid(kind, s, len, err);
		motcua_dossier_pack(&c, result);
	}
	else
	{
		McProcedureCode c;

		if (!mc_parse_procedure_code(s, len, &c, err))
			report_invalid(kind, s, len, err);
		motcua_procedure_pack(&c, result);
	}
	return result;
}

/*
 * format_fixed16_id writes the text form of a dossier or procedure code.
 */
static void
format_fixed16_id(IdKind kind, const Fixed16 *v, char *buf)
{
	if (kind == ID_DOSSIER)
	{
		McDossierCode c;

		motcua_dossier_unpack(v, &c);
		mc_format_dossier_code(&c, buf);
	}
	else
	{
		McProcedureCode c;

		motcua_procedure_unpack(v, &c);
		mc_format_procedure_code(&c, buf);
	}
}

/*
 * recv_text reads a binary-format value, which is the canonical text;
 * *len receives its byte length (the parsers reject any embedded NUL).
 */
static char *
recv_text(StringInfo buf, int *len)
{
	return pq_getmsgtext(buf, buf->len - buf->cursor, len);
}

/*
 * send_text sends the canonical text as the binary form.
 */
static Datum
send_text(const char *s)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendtext(&buf, s, strlen(s));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * The I/O functions of the three 8-byte identifiers differ only in their
 * kind, so one macro spells all twelve.
 */
#define INT64_ID_IO(prefix, kind) \
PG_FUNCTION_INFO_V1(prefix##_in); \
Datum \
prefix##_in(PG_FUNCTION_ARGS) \
{ \
	char	   *s = PG_GETARG_CSTRING(0); \
	PG_RETURN_INT64((int64) parse_int64_id(kind, s, strlen(s))); \
} \
PG_FUNCTION_INFO_V1(prefix##_out); \
Datum \
prefix##_out(PG_FUNCTION_ARGS) \
{ \
	char	   *buf = palloc(MC_ID_TEXTLEN); \
	format_int64_id(kind, (uint64) PG_GETARG_INT64(0), buf); \
	PG_RETURN_CSTRING(buf); \
} \
PG_FUNCTION_INFO_V1(prefix##_recv); \
Datum \
prefix##_recv(PG_FUNCTION_ARGS) \
{ \
	int			len; \
	char	   *s = recv_text((StringInfo) PG_GETARG_POINTER(0), &len); \
	PG_RETURN_INT64((int64) parse_int64_id(kind, s, len)); \
} \
PG_FUNCTION_INFO_V1(prefix##_send); \
Datum \
prefix##_send(PG_FUNCTION_ARGS) \
{ \
	char		buf[MC_ID_TEXTLEN]; \
	format_int64_id(kind, (uint64) PG_GETARG_INT64(0), buf); \
	return send_text(buf); \
}

INT64_ID_IO(motcua_personal_id, ID_PERSONAL)
INT64_ID_IO(motcua_tax_code, ID_TAX)
INT64_ID_IO(motcua_unit_id, ID_UNIT)

/* Same for the two 16-byte identifiers. */
#define FIXED16_ID_IO(prefix, kind) \
PG_FUNCTION_INFO_V1(prefix##_in); \
Datum \
prefix##_in(PG_FUNCTION_ARGS) \
{ \
	char	   *s = PG_GETARG_CSTRING(0); \
	PG_RETURN_POINTER(parse_fixed16_id(kind, s, strlen(s))); \
} \
PG_FUNCTION_INFO_V1(prefix##_out); \
Datum \
prefix##_out(PG_FUNCTION_ARGS) \
{ \
	char	   *buf = palloc(MC_ID_TEXTLEN); \
	format_fixed16_id(kind, (Fixed16 *) PG_GETARG_POINTER(0), buf); \
	PG_RETURN_CSTRING(buf); \
} \
PG_FUNCTION_INFO_V1(prefix##_recv); \
Datum \
prefix##_recv(PG_FUNCTION_ARGS) \
{ \
	int			len; \
	char	   *s = recv_text((StringInfo) PG_GETARG_POINTER(0), &len); \
	PG_RETURN_POINTER(parse_fixed16_id(kind, s, len)); \
} \
PG_FUNCTION_INFO_V1(prefix##_send); \
Datum \
prefix##_send(PG_FUNCTION_ARGS) \
{ \
	char		buf[MC_ID_TEXTLEN]; \
	format_fixed16_id(kind, (Fixed16 *) PG_GETARG_POINTER(0), buf); \
	return send_text(buf); \
}

FIXED16_ID_IO(motcua_dossier_code, ID_DOSSIER)
FIXED16_ID_IO(motcua_procedure_code, ID_PROCEDURE)

/*
 * fixed16_cmp orders two 16-byte identifiers; their storage is
 * big-endian by field, so byte order is value order.
 */
static int
fixed16_cmp_internal(FunctionCallInfo fcinfo)
{
	Fixed16    *a = (Fixed16 *) PG_GETARG_POINTER(0);
	Fixed16    *b = (Fixed16 *) PG_GETARG_POINTER(1);

	return memcmp(a->b, b->b, sizeof(a->b));
}

PG_FUNCTION_INFO_V1(motcua_fixed16_cmp);
Datum
motcua_fixed16_cmp(PG_FUNCTION_ARGS)
{
	int			c = fixed16_cmp_internal(fcinfo);

	PG_RETURN_INT32(c < 0 ? -1 : (c > 0 ? 1 : 0));
}

#define FIXED16_OP(name, test) \
PG_FUNCTION_INFO_V1(motcua_fixed16_##name); \
Datum \
motcua_fixed16_##name(PG_FUNCTION_ARGS) \
{ \
	int			c = fixed16_cmp_internal(fcinfo); \
	PG_RETURN_BOOL(test); \
}

FIXED16_OP(eq, c == 0)
FIXED16_OP(ne, c != 0)
FIXED16_OP(lt, c < 0)
FIXED16_OP(le, c <= 0)
FIXED16_OP(gt, c > 0)
FIXED16_OP(ge, c >= 0)

/*
 * motcua_fixed16_hash and its extended form hash the stored bytes, which
 * are canonical: equal values have equal bytes.
 */
PG_FUNCTION_INFO_V1(motcua_fixed16_hash);
Datum
motcua_fixed16_hash(PG_FUNCTION_ARGS)
{
	Fixed16    *a = (Fixed16 *) PG_GETARG_POINTER(0);

	return hash_any(a->b, sizeof(a->b));
}

PG_FUNCTION_INFO_V1(motcua_fixed16_hash_extended);
Datum
motcua_fixed16_hash_extended(PG_FUNCTION_ARGS)
{
	Fixed16    *a = (Fixed16 *) PG_GETARG_POINTER(0);

	return hash_any_extended(a->b, sizeof(a->b), PG_GETARG_INT64(1));
}

/*
 * birth_province returns the 3-digit province code of birth registration
 * of a personal ID, e.g. '001' for Hà Nội.
 */
PG_FUNCTION_INFO_V1(motcua_birth_province);
Datum
motcua_birth_province(PG_FUNCTION_ARGS)
{
	char		buf[8];

	snprintf(buf, sizeof(buf), "%03d",
			 mc_personal_id_province((uint64) PG_GETARG_INT64(0)));
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

/*
 * birth_year returns the full birth year encoded by a personal ID.
 */
PG_FUNCTION_INFO_V1(motcua_birth_year);
Datum
motcua_birth_year(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(mc_personal_id_birth_year((uint64) PG_GETARG_INT64(0)));
}

/*
 * sex returns 'male' or 'female' as encoded by the century digit.
 */
PG_FUNCTION_INFO_V1(motcua_sex);
Datum
motcua_sex(PG_FUNCTION_ARGS)
{
	bool		female = mc_personal_id_is_female((uint64) PG_GETARG_INT64(0));

	PG_RETURN_TEXT_P(cstring_to_text(female ? "female" : "male"));
}

/*
 * is_branch tells whether a tax code is a dependent unit ("-001" form).
 */
PG_FUNCTION_INFO_V1(motcua_is_branch);
Datum
motcua_is_branch(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL((uint64) PG_GETARG_INT64(0) % 1000 != 0);
}

/*
 * parent_code returns the head-office code of a branch, or NULL for a
 * head office, which has no parent.
 */
PG_FUNCTION_INFO_V1(motcua_parent_code);
Datum
motcua_parent_code(PG_FUNCTION_ARGS)
{
	uint64		v = (uint64) PG_GETARG_INT64(0);

	if (v % 1000 == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64((int64) (v - v % 1000));
}

/*
 * unit_root returns the level-1 code of a unit ID: the province (H29) or
 * ministry (G09) the unit belongs to.
 */
PG_FUNCTION_INFO_V1(motcua_unit_root);
Datum
motcua_unit_root(PG_FUNCTION_ARGS)
{
	char		buf[MC_ID_TEXTLEN];

	mc_unit_id_root((uint64) PG_GETARG_INT64(0), buf);
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

/*
 * unit_of returns the receiving unit of a dossier code.
 */
PG_FUNCTION_INFO_V1(motcua_unit_of);
Datum
motcua_unit_of(PG_FUNCTION_ARGS)
{
	McDossierCode c;

	motcua_dossier_unpack((Fixed16 *) PG_GETARG_POINTER(0), &c);
	PG_RETURN_INT64((int64) c.unit);
}

/*
 * received_on returns the reception date written in a dossier code.
 */
PG_FUNCTION_INFO_V1(motcua_received_on);
Datum
motcua_received_on(PG_FUNCTION_ARGS)
{
	McDossierCode c;

	motcua_dossier_unpack((Fixed16 *) PG_GETARG_POINTER(0), &c);
	PG_RETURN_DATEADT((DateADT) c.day);
}

/*
 * sequence_of returns the per-unit, per-day sequence of a dossier code.
 */
PG_FUNCTION_INFO_V1(motcua_sequence_of);
Datum
motcua_sequence_of(PG_FUNCTION_ARGS)
{
	McDossierCode c;

	motcua_dossier_unpack((Fixed16 *) PG_GETARG_POINTER(0), &c);
	PG_RETURN_INT32(c.seq);
}

/*
 * make_dossier_code builds a dossier code from its parts, with the same
 * rules as the text form: a date in 2000..2099 and a sequence of
 * 1..999999999.
 */
PG_FUNCTION_INFO_V1(motcua_make_dossier_code);
Datum
motcua_make_dossier_code(PG_FUNCTION_ARGS)
{
	McDossierCode c;
	DateADT		day = PG_GETARG_DATEADT(1);
	int32		seq = PG_GETARG_INT32(2);
	Fixed16    *result;

	c.unit = (uint64) PG_GETARG_INT64(0);
	if (DATE_NOT_FINITE(day) || day < mc_day_from_ymd(2000, 1, 1) ||
		day > mc_day_from_ymd(2099, 12, 31))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("dossier date %s is outside 2000-01-01 to 2099-12-31",
						DatumGetCString(DirectFunctionCall1(date_out,
															DateADTGetDatum(day)))),
				 errdetail("A dossier code writes the reception date as yyMMdd.")));
	if (seq < 1 || seq > MC_DOSSIER_SEQ_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("dossier sequence %d is outside 1 to %d", seq,
						MC_DOSSIER_SEQ_MAX)));
	c.day = (int32) day;
	c.seq = seq;
	result = palloc(sizeof(Fixed16));
	motcua_dossier_pack(&c, result);
	PG_RETURN_POINTER(result);
}

/*
 * base_code strips the local suffix of a procedure code, giving the
 * national catalogue code.
 */
PG_FUNCTION_INFO_V1(motcua_base_code);
Datum
motcua_base_code(PG_FUNCTION_ARGS)
{
	McProcedureCode c;
	Fixed16    *result = palloc(sizeof(Fixed16));

	motcua_procedure_unpack((Fixed16 *) PG_GETARG_POINTER(0), &c);
	c.has_local = 0;
	c.local_unit = 0;
	motcua_procedure_pack(&c, result);
	PG_RETURN_POINTER(result);
}

/*
 * local_unit returns the unit ID of a procedure code's local suffix, or
 * NULL for a national code.
 */
PG_FUNCTION_INFO_V1(motcua_local_unit);
Datum
motcua_local_unit(PG_FUNCTION_ARGS)
{
	McProcedureCode c;

	motcua_procedure_unpack((Fixed16 *) PG_GETARG_POINTER(0), &c);
	if (!c.has_local)
		PG_RETURN_NULL();
	PG_RETURN_INT64((int64) c.local_unit);
}
