/*-------------------------------------------------------------------------
 *
 * asciichar.h
 *	  ASCII character tests for motcua's plain-C parsers (cron
 *	  expressions, HTTP header values): independent of the locale, unlike
 *	  <ctype.h>.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MOTCUA_ASCIICHAR_H
#define MOTCUA_ASCIICHAR_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* An ASCII digit? */
static inline bool
ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* An ASCII letter? */
static inline bool
ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does [s, s + len) spell word, ignoring ASCII case? */
static inline bool
ascii_word_equals(const char *s, size_t len, const char *word)
{
	size_t		i;

	if (strlen(word) != len)
		return false;
	for (i = 0; i < len; i++)
	{
		char		a = s[i];
		char		b = word[i];

		if (a >= 'A' && a <= 'Z')
			a = (char) (a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char) (b - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

#endif							/* MOTCUA_ASCIICHAR_H */
