/*-------------------------------------------------------------------------
 *
 * memtrim.c
 *	  Giving a long-lived worker's freed memory back to the system, but
 *	  only when there is enough of it to matter.
 *
 * A run worker serves one run after another and a lookup run one batch
 * after another; what a heavy batch or run freed should not stay with the
 * process for the rest of its life.  malloc_trim() hands back every free
 * page, though, and the next batch takes them again one page fault at a
 * time: called after every batch it cost a busy lookup worker about half
 * its CPU, in the kernel.  So the C library is asked to trim only when the
 * free memory it holds passes MOTCUA_TRIM_FREE_BYTES: the footprint stays
 * within that of what the work needs, and steady work, which reuses what
 * it freed, never pays for trimming.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <malloc.h>

#include "workers.h"

/* Free heap memory a worker keeps before handing it back. */
#define MOTCUA_TRIM_FREE_BYTES (4 * 1024 * 1024)

/*
 * motcua_release_free_memory trims the C library's heap when it holds
 * more than MOTCUA_TRIM_FREE_BYTES of free memory.
 */
void
motcua_release_free_memory(void)
{
	if (mallinfo2().fordblks >= MOTCUA_TRIM_FREE_BYTES)
		malloc_trim(0);
}
