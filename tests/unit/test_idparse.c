/* unit-link: idparse.c daynum.c */
/*-------------------------------------------------------------------------
 *
 * test_idparse.c
 *	  Unit tests of the identifier parsers and formatters, printed as TAP.
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <string.h>

#include "daynum.h"
#include "idparse.h"

static int	ntests = 0;
static int	nfailed = 0;

/*
 * ok prints one TAP line.
 */
static void
ok(int cond, const char *desc, const char *detail)
{
	ntests++;
	if (!cond)
		nfailed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", ntests, desc);
	if (!cond && detail)
		printf("# %s\n", detail);
}

/*
 * rejects checks that a parser refuses input with an error containing
 * the expected words.
 */
static void
rejects(bool parsed, const char *err, const char *want, const char *desc)
{
	ok(!parsed && strstr(err, want) != NULL, desc, err);
}

/*
 * parses_as checks the canonical text of a parsed value.
 */
static void
parses_as(bool parsed, const char *text, const char *want, const char *desc,
		  const char *err)
{
	ok(parsed && strcmp(text, want) == 0, desc, parsed ? text : err);
}

int
main(void)
{
	char		err[MC_ID_ERRLEN] = "";
	char		text[MC_ID_TEXTLEN] = "";
	uint64_t	v = 0,
				w = 0;
	bool		r;
	McDossierCode dc;
	McProcedureCode pc;
	char		big[5000];

	/* personal ID */
	r = mc_parse_personal_id("001099012345", 12, 2026, &v, err);
	if (r)
		mc_format_personal_id(v, text);
	parses_as(r, text, "001099012345", "personal ID 001099012345 parses", err);
	ok(mc_personal_id_province(v) == 1, "its province is 001 (Hà Nội)", NULL);
	ok(mc_personal_id_birth_year(v) == 1999, "its birth year is 1999", NULL);
	ok(!mc_personal_id_is_female(v), "it is male", NULL);
	r = mc_parse_personal_id("079305000001", 12, 2026, &v, err);
	ok(r && mc_personal_id_birth_year(v) == 2005 && mc_personal_id_is_female(v),
	   "century digit 3 is a woman born in the 2000s", err);
	rejects(mc_parse_personal_id("999099012345", 12, 2026, &v, err), err,
			"999 is not a province code", "unknown province 999 rejected");
	rejects(mc_parse_personal_id("003099012345", 12, 2026, &v, err), err,
			"003 is not a province code", "unused code 003 rejected");
	rejects(mc_parse_personal_id("001230012345", 12, 2026, &v, err), err,
			"birth year 2030 is in the future", "future birth year rejected");
	ok(mc_parse_personal_id("001226012345", 12, 2026, &v, err),
	   "birth year equal to the current year accepted", err);
	rejects(mc_parse_personal_id("00109901234", 11, 2026, &v, err), err,
			"must be 12 digits", "11 digits rejected");
	rejects(mc_parse_personal_id("00109901234a", 12, 2026, &v, err), err,
			"character 12 is not a digit", "letter rejected with its position");
	rejects(mc_parse_personal_id("001099 12345", 12, 2026, &v, err), err,
			"whitespace at position 7", "embedded space rejected");
	rejects(mc_parse_personal_id("001099\00012345", 12, 2026, &v, err), err,
			"control character at position 7", "embedded NUL rejected");
	rejects(mc_parse_personal_id("", 0, 2026, &v, err), err, "empty", "empty rejected");
	memset(big, '1', sizeof(big));
	rejects(mc_parse_personal_id(big, sizeof(big), 2026, &v, err), err,
			"not 5000 characters", "huge input rejected by length");

	/* tax code */
	r = mc_parse_tax_code("0100109106", 10, &v, err);
	if (r)
		mc_format_tax_code(v, text);
	parses_as(r, text, "0100109106", "tax code 0100109106 parses", err);
	r = mc_parse_tax_code("0311978680", 10, &v, err);
	parses_as(r, "0311978680", "0311978680", "tax code 0311978680 parses (check digit 0)", err);
	rejects(mc_parse_tax_code("0100109107", 10, &v, err), err,
			"check digit should be 6", "wrong check digit names the right one");
	rejects(mc_parse_tax_code("0101010100", 10, &v, err), err,
			"no valid check digit", "prefix with S mod 11 = 0 rejected");
	r = mc_parse_tax_code("0100109106-001", 14, &v, err);
	if (r)
		mc_format_tax_code(v, text);
	parses_as(r, text, "0100109106-001", "branch form parses", err);
	ok(r && v % 1000 == 1 && v / 1000 == 100109106ULL, "branch packs base and branch", NULL);
	rejects(mc_parse_tax_code("0100109106-000", 14, &v, err), err,
			"001 to 999", "branch 000 rejected");
	rejects(mc_parse_tax_code("0100109106_001", 14, &v, err), err,
			"hyphen", "branch without hyphen rejected");
	rejects(mc_parse_tax_code("0100109107-001", 14, &v, err), err,
			"check digit should be 6", "branch of a bad base rejected");
	rejects(mc_parse_tax_code("01001091", 8, &v, err), err,
			"must be 10 digits", "short tax code rejected");
	/* Circular 105/2020: ranges 00 and sequence 0000000 are never issued */
	rejects(mc_parse_tax_code("0012345672", 10, &v, err), err,
			"issuing range", "range 00 rejected though its check digit is right");
	rejects(mc_parse_tax_code("0031234569-001", 14, &v, err), err,
			"issuing range", "branch of a range-00 code rejected");
	rejects(mc_parse_tax_code("0100000003", 10, &v, err), err,
			"sequence number", "sequence 0000000 rejected though its check digit is right");
	rejects(mc_parse_tax_code("7900000005", 10, &v, err), err,
			"sequence number", "sequence 0000000 rejected in another range");
	r = mc_parse_tax_code("0100000010", 10, &v, err);
	if (r)
		mc_format_tax_code(v, text);
	parses_as(r, text, "0100000010", "sequence 0000001 of range 01 parses", err);

	/* unit ID */
	r = mc_parse_unit_id("000.00.01.H29", 13, &v, err);
	if (r)
		mc_format_unit_id(v, text);
	parses_as(r, text, "000.00.01.H29", "full-form unit ID parses", err);
	mc_unit_id_root(v, text);
	ok(strcmp(text, "H29") == 0, "its root is H29", text);
	r = mc_parse_unit_id("G09.20", 6, &w, err);
	if (r)
		mc_format_unit_id(w, text);
	parses_as(r, text, "G09.20", "short-form ministry unit ID parses", err);
	ok(mc_parse_unit_id("000.00.00.H59", 13, &v, err) &&
	   mc_parse_unit_id("000.01.01.H59", 13, &w, err) && v < w,
	   "a province sorts before its units", err);
	ok(mc_parse_unit_id("000.00.00.H29", 13, &v, err) &&
	   mc_parse_unit_id("000.00.00.H59", 13, &w, err) && v < w,
	   "H29 sorts before H59", err);
	rejects(mc_parse_unit_id("000.00.01.h29", 13, &v, err), err,
			"upper-case letter", "lower-case level-1 letter rejected");
	rejects(mc_parse_unit_id("000.00.1.H290", 13, &v, err), err,
			"dots at positions", "misplaced dot rejected");
	rejects(mc_parse_unit_id("000.00.01.H29.1", 15, &v, err), err,
			"longer than 13", "too long unit ID rejected");
	rejects(mc_parse_unit_id("G9.20", 5, &v, err), err,
			"must be DDD.DD.DD.LNN", "malformed short form rejected");

	/* dossier code */
	r = mc_parse_dossier_code("000.00.01.H29-240115-0001", 25, &dc, err);
	if (r)
		mc_format_dossier_code(&dc, text);
	parses_as(r, text, "000.00.01.H29-240115-0001", "dossier code parses", err);
	ok(r && dc.day == mc_day_from_ymd(2024, 1, 15) && dc.seq == 1,
	   "its date is 2024-01-15 and sequence 1", NULL);
	r = mc_parse_dossier_code("G09.20-251231-123456", 20, &dc, err);
	parses_as(r, "x", r ? "x" : "y", "6-digit sequence with short unit parses", err);
	rejects(mc_parse_dossier_code("000.00.01.H29-240230-0001", 25, &dc, err), err,
			"not a real date", "30 February rejected");
	rejects(mc_parse_dossier_code("000.00.01.H29-240115-001", 24, &dc, err), err,
			"4 to 9 digits", "3-digit sequence rejected");
	rejects(mc_parse_dossier_code("000.00.01.H29-240115-00001", 26, &dc, err), err,
			"must not start with 0", "non-canonical sequence rejected");
	rejects(mc_parse_dossier_code("000.00.01.H29-240115-0000", 25, &dc, err), err,
			"at least 0001", "sequence 0 rejected");
	rejects(mc_parse_dossier_code("000.00.01.X2-240115-0001", 24, &dc, err), err,
			"unit id part", "bad unit part named");
	rejects(mc_parse_dossier_code("000.00.01.H29-240115", 20, &dc, err), err,
			"must be <unit id>", "missing sequence rejected");

	/* procedure code */
	r = mc_parse_procedure_code("1.000894", 8, &pc, err);
	if (r)
		mc_format_procedure_code(&pc, text);
	parses_as(r, text, "1.000894", "procedure code parses", err);
	r = mc_parse_procedure_code("1.001612.000.00.00.H48", 22, &pc, err);
	if (r)
		mc_format_procedure_code(&pc, text);
	parses_as(r, text, "1.001612.000.00.00.H48", "local suffix parses", err);
	ok(r && pc.has_local && pc.number == 1001612, "suffix recorded", NULL);
	rejects(mc_parse_procedure_code("1.00089", 7, &pc, err), err,
			"such as 1.000894", "short procedure code rejected");
	rejects(mc_parse_procedure_code("1.000894.", 9, &pc, err), err,
			"local suffix", "dangling dot rejected");
	rejects(mc_parse_procedure_code("1-000894", 8, &pc, err), err,
			"must begin with", "wrong separator rejected");

	/* day numbers */
	ok(mc_day_from_ymd(2000, 1, 1) == 0, "2000-01-01 is day 0", NULL);
	ok(mc_day_of_week(mc_day_from_ymd(2025, 1, 29)) == 3, "2025-01-29 is a Wednesday", NULL);
	{
		int			y,
					m,
					d,
					bad = 0;
		int32_t		day;

		for (day = -800000; day <= 800000; day += 7)
		{
			mc_ymd_from_day(day, &y, &m, &d);
			if (mc_day_from_ymd(y, m, d) != day || !mc_ymd_valid(y, m, d))
				bad++;
		}
		ok(bad == 0, "day numbers round-trip over 4,000 years", NULL);
	}

	printf("1..%d\n", ntests);
	return nfailed ? 1 : 0;
}
