/*-------------------------------------------------------------------------
 *
 * hubslot.c
 *	  The national hub's side of a province's subscription: the checks on
 *	  the province (wal_level, the publication, its jurisdiction) and the
 *	  replication slot the subscription streams from, made over a logical
 *	  replication connection to the province.
 *
 * CREATE SUBSCRIPTION makes its slot only when called at top level (not
 * from a function), so motcua.subscribe_province creates the subscription
 * with create_slot = false and makes the slot here, in the same
 * transaction and last: if anything before fails, no slot is left behind
 * on the province to hold back its WAL.  libpqwalreceiver, which the
 * subscription's own workers use, does the talking.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type_d.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "replication/walreceiver.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

/* what the province is asked before its slot is made */
#define HUB_PROVINCE_QUERY \
	"SELECT current_setting('wal_level'), " \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = 'motcua_hub'), " \
	"(SELECT string_agg(code, ',' ORDER BY code) FROM motcua.jurisdiction), " \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_replication_slots WHERE slot_name = %s)"

/*
 * HubConnect opens a logical replication connection to the province, with
 * the slot's name as application name (what pg_stat_replication shows).
 */
static WalReceiverConn *
HubConnect(const char *conninfo, const char *slot)
{
	WalReceiverConn *conn;
	char	   *err = NULL;

	load_file("libpqwalreceiver", false);
	if (WalReceiverFunctions == NULL)
		elog(ERROR, "libpqwalreceiver did not initialize");
	conn = walrcv_connect(conninfo, true, slot, &err);
	if (conn == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_CONNECTION_FAILURE),
				 errmsg("could not connect to the province for slot \"%s\": %s", slot, err ? err : "unknown error"),
				 errhint("Check the conninfo, that the province accepts replication connections from the hub (pg_hba.conf) and that its role has the REPLICATION attribute.")));
	return conn;
}

/*
 * HubProbe asks the province what the slot needs (wal_level logical,
 * publication motcua_hub, its jurisdictions, no slot of that name yet),
 * makes the slot when create is true, and returns the jurisdictions.
 */
static char *
HubProbe(WalReceiverConn *conn, const char *slot, bool create)
{
	WalRcvExecResult *res;
	Oid			types[4] = {TEXTOID, BOOLOID, TEXTOID, BOOLOID};
	TupleTableSlot *tslot;
	char	   *wal_level;
	bool		has_pub;
	bool		has_slot;
	char	   *jurisdictions = NULL;
	Datum		d;
	bool		isnull;

	res = walrcv_exec(conn, psprintf(HUB_PROVINCE_QUERY, quote_literal_cstr(slot)), 4, types);
	if (res->status != WALRCV_OK_TUPLES)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not read the province's settings: %s", res->err),
				 errhint("Install motcua 0.2 in the province's database (ALTER EXTENSION motcua UPDATE) and connect to that database.")));
	tslot = MakeSingleTupleTableSlot(res->tupledesc, &TTSOpsMinimalTuple);
	if (!tuplestore_gettupleslot(res->tuplestore, true, false, tslot))
		elog(ERROR, "the province returned no row");
	wal_level = TextDatumGetCString(slot_getattr(tslot, 1, &isnull));
	has_pub = DatumGetBool(slot_getattr(tslot, 2, &isnull));
	d = slot_getattr(tslot, 3, &isnull);
	if (!isnull)
		jurisdictions = TextDatumGetCString(d);
	has_slot = DatumGetBool(slot_getattr(tslot, 4, &isnull));
	ExecDropSingleTupleTableSlot(tslot);
	walrcv_clear_result(res);

	if (strcmp(wal_level, "logical") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the province's wal_level is %s, not logical", wal_level),
				 errhint("On the province: ALTER SYSTEM SET wal_level = logical, and restart it.")));
	if (!has_pub)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("the province has no publication motcua_hub"),
				 errhint("On the province, as its administrator: SELECT motcua.publish_to_hub();")));
	if (jurisdictions == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the province's database holds no jurisdiction"),
				 errhint("Load the province's jurisdiction, tiers and unit tree first.")));
	if (create && has_slot)
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_OBJECT),
				 errmsg("replication slot \"%s\" already exists on the province", slot),
				 errdetail("A subscription dropped without its slot, or another hub, left it there; it holds back the province's WAL."),
				 errhint("If no hub uses it, drop it on the province: SELECT pg_drop_replication_slot('%s');", slot)));
	if (create)
		walrcv_create_slot(conn, slot, false, false, CRS_NOEXPORT_SNAPSHOT, NULL);
	return jurisdictions;
}

/*
 * motcua_hub_prepare_slot checks that the province at conninfo can feed
 * the hub (wal_level logical, publication motcua_hub made by
 * motcua.publish_to_hub()), creates the logical replication slot named
 * slot there when create is true, and returns the province's
 * jurisdiction codes (comma-separated).  The connection is closed on
 * every way out, errors included.
 */
PG_FUNCTION_INFO_V1(motcua_hub_prepare_slot);
Datum
motcua_hub_prepare_slot(PG_FUNCTION_ARGS)
{
	char	   *conninfo = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *slot = NameStr(*PG_GETARG_NAME(1));
	bool		create = PG_GETARG_BOOL(2);
	WalReceiverConn *conn;
	char	   *volatile jurisdictions = NULL;

	conn = HubConnect(conninfo, slot);
	PG_TRY();
	{
		jurisdictions = HubProbe(conn, slot, create);
	}
	PG_FINALLY();
	{
		walrcv_disconnect(conn);
	}
	PG_END_TRY();
	PG_RETURN_TEXT_P(cstring_to_text(jurisdictions));
}
