/*-------------------------------------------------------------------------
 *
 * kpiqueue.c
 *	  The KPI queue's trigger: a changed dossier goes into
 *	  motcua_internal.kpi_dirty, once per transaction.
 *
 * Every change of a dossier, of its components and of its portal state
 * queues the dossier for refresh_kpis (80_kpi_1_queue.defs.sql), and a
 * reception with its components, payment and moves is a dozen changes of
 * one dossier in one transaction.  One row is enough: the refresh reads
 * the dossier as it is when it folds it.  So the trigger remembers the
 * last dossier it queued with the transaction and subtransaction that
 * queued it: a subtransaction rolled back takes its row away, and what
 * comes after runs under another subtransaction id, so it queues again.
 * A refresh run in this session may take the row: it calls
 * motcua_kpi_queue_forget first.  (Only the trigger remembers: no
 * function a user can call makes it skip a dossier.)
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "storage/proc.h"
#include "utils/rel.h"

#include "ids.h"
#include "../workers/workers.h"

static LocalTransactionId queued_lxid = InvalidLocalTransactionId;
static SubTransactionId queued_subxid = InvalidSubTransactionId;
static Fixed16 queued_code;
static SPIPlanPtr insert_plan = NULL;

/*
 * QueuedAlready says whether this (sub)transaction queued the dossier with
 * its last row.
 */
static bool
QueuedAlready(const Fixed16 *code)
{
	return queued_lxid == MyProc->lxid &&
		queued_subxid == GetCurrentSubTransactionId() &&
		memcmp(queued_code.b, code->b, sizeof(code->b)) == 0;
}

/*
 * motcua_mark_kpi_dirty queues the dossier of the changed row (its column
 * dossier, or code on motcua.dossier itself) unless this transaction just
 * did.
 */
PG_FUNCTION_INFO_V1(motcua_mark_kpi_dirty);
Datum
motcua_mark_kpi_dirty(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	row;
	int			attnum;
	bool		isnull;
	Datum		code;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) || TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("mark_kpi_dirty must fire after each inserted or updated row")));
	desc = RelationGetDescr(trigdata->tg_relation);
	row = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	attnum = SPI_fnumber(desc, "dossier");
	if (attnum <= 0)
		attnum = SPI_fnumber(desc, "code");
	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("mark_kpi_dirty fired on table \"%s\", which has no dossier code",
						RelationGetRelationName(trigdata->tg_relation))));
	code = heap_getattr(row, attnum, desc, &isnull);
	if (isnull || QueuedAlready((const Fixed16 *) DatumGetPointer(code)))
		return PointerGetDatum(NULL);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (insert_plan == NULL)
	{
		Oid			argtype = TupleDescAttr(desc, attnum - 1)->atttypid;
		SPIPlanPtr	plan = SPI_prepare("INSERT INTO motcua_internal.kpi_dirty (dossier) VALUES ($1)", 1, &argtype);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "could not prepare the KPI queue's insert: %s", SPI_result_code_string(SPI_result));
		insert_plan = plan;
	}
	if (SPI_execute_plan(insert_plan, &code, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "the KPI queue's insert failed");
	SPI_finish();
	motcua_count_kpi_dirty();

	queued_lxid = MyProc->lxid;
	queued_subxid = GetCurrentSubTransactionId();
	memcpy(queued_code.b, DatumGetPointer(code), sizeof(queued_code.b));
	return PointerGetDatum(NULL);
}

/*
 * motcua_kpi_queue_forget drops what the trigger remembers: the refresh
 * about to run may take this transaction's rows from the queue.
 */
PG_FUNCTION_INFO_V1(motcua_kpi_queue_forget);
Datum
motcua_kpi_queue_forget(PG_FUNCTION_ARGS)
{
	queued_lxid = InvalidLocalTransactionId;
	PG_RETURN_VOID();
}
