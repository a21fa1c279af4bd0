/*-------------------------------------------------------------------------
 *
 * idparse.h
 *	  Parsers and formatters for the Vietnamese identifiers motcua stores:
 *	  personal identification number, enterprise/tax code, agency
 *	  electronic ID (Decision 20/2020/QĐ-TTg), dossier code and procedure
 *	  code.
 *
 * Plain C without PostgreSQL headers, so the parsers can be unit-tested
 * and fuzzed on their own.  Every parser takes a byte buffer with an
 * explicit length (it may contain NUL bytes or be huge), never reads past
 * it, and on failure writes the rule that was broken into err.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_IDPARSE_H
#define MOTCUA_IDPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Room for any error text a parser writes. */
#define MC_ID_ERRLEN 128

/* Longest text form of any identifier, plus the terminating NUL. */
#define MC_ID_TEXTLEN 48

/*
 * Personal identification number [số định danh cá nhân]: the 12 digits as
 * an integer, so numeric order equals text order.
 */
extern bool mc_parse_personal_id(const char *s, size_t len, int current_year,
								 uint64_t *out, char *err);
extern void mc_format_personal_id(uint64_t v, char *buf);
extern int	mc_personal_id_province(uint64_t v);
extern int	mc_personal_id_birth_year(uint64_t v);
extern bool mc_personal_id_is_female(uint64_t v);
extern bool mc_province_code_valid(int code);

/*
 * Enterprise / tax code [mã số doanh nghiệp]: base * 1000 + branch, where
 * branch 0 is the head office and 1..999 a dependent unit ("-001").
 */
extern bool mc_parse_tax_code(const char *s, size_t len, uint64_t *out,
							  char *err);
extern void mc_format_tax_code(uint64_t v, char *buf);
extern int	mc_tax_code_check_digit(const int *first9);

/*
 * Agency electronic ID.  Packed so that integer order is the hierarchy:
 * level-1 letter and number, then levels 2, 3 and 4, then the written
 * form (full "000.00.01.H29" or short "G09.20") and the number of levels
 * the short form wrote.
 */
extern bool mc_parse_unit_id(const char *s, size_t len, uint64_t *out,
							 char *err);
extern void mc_format_unit_id(uint64_t v, char *buf);
extern void mc_unit_id_root(uint64_t v, char *buf);

/* Dossier code [mã hồ sơ]: <unit id>-<yyMMdd>-<sequence of 4+ digits>. */
typedef struct McDossierCode
{
	uint64_t	unit;			/* packed unit id */
	int32_t		day;			/* days since 2000-01-01 */
	int32_t		seq;			/* sequence number within unit and day */
} McDossierCode;

#define MC_DOSSIER_SEQ_MAX 999999999

extern bool mc_parse_dossier_code(const char *s, size_t len, McDossierCode *out,
								  char *err);
extern void mc_format_dossier_code(const McDossierCode *v, char *buf);

/* Procedure code [mã TTHC]: d.dddddd, optionally followed by a unit id. */
typedef struct McProcedureCode
{
	uint64_t	local_unit;		/* packed unit id of the suffix, 0 if none */
	int32_t		number;			/* d * 1000000 + dddddd */
	int32_t		has_local;		/* 1 when a local suffix is present */
} McProcedureCode;

extern bool mc_parse_procedure_code(const char *s, size_t len,
									McProcedureCode *out, char *err);
extern void mc_format_procedure_code(const McProcedureCode *v, char *buf);

#endif							/* MOTCUA_IDPARSE_H */
